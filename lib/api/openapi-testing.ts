// For the OpenAPI tests: the route files of app/api/v1 and the HTTP methods each exports, as Next serves them.
import { readdir } from "node:fs/promises";
import path from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;

export type ApiRouteFile = {
  /** Relative to the project, e.g. `app/api/v1/webhook_endpoints/[lagoId]/route.ts`. */
  file: string;
  /** The URL path under /api/v1 with the folders' parameter names: `/webhook_endpoints/{lagoId}`. */
  path: string;
  /** The dynamic segments' names, in order. */
  params: string[];
  handlers: Partial<Record<HttpMethod, RouteHandler>>;
};

const API_ROOT = path.join("app", "api", "v1");

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return routeFiles(full);
      return Promise.resolve(/^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

/** Every route.ts under app/api/v1, imported, with its exported HTTP methods. */
export async function apiRouteFiles(root = process.cwd()): Promise<ApiRouteFile[]> {
  const files = (await routeFiles(path.join(root, API_ROOT))).sort();
  return Promise.all(
    files.map(async (full) => {
      const segments = path.relative(path.join(root, API_ROOT), path.dirname(full)).split(path.sep).filter(Boolean);
      const params = segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1));
      const routeModule = (await import(/* @vite-ignore */ full)) as Record<string, unknown>;
      const handlers: ApiRouteFile["handlers"] = {};
      for (const method of HTTP_METHODS)
        if (typeof routeModule[method] === "function") handlers[method] = routeModule[method] as RouteHandler;
      return {
        file: path.relative(root, full),
        path: `/${segments.map((s) => (/^\[.+\]$/.test(s) ? `{${s.slice(1, -1)}}` : s)).join("/")}`,
        params,
        handlers,
      };
    }),
  );
}

/** `METHOD /path/{}`: parameter names left out, so `{lagoId}` (a folder) and `{lago_id}` (Lago's name) compare equal. */
export function routeKey(method: string, routePath: string): string {
  return `${method.toUpperCase()} ${routePath.replace(/\{[^}]+\}/g, "{}")}`;
}

/** A JSON Schema 2020-12 validator over the document: `validate(pointer, value)` checks `value` against the schema at `pointer`. */
export async function documentValidator(document: object): Promise<(pointer: string, value: unknown) => string[]> {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const { default: addFormats } = await import("ajv-formats");
  // Not strict: the document's own keys (openapi, paths, example...) are not JSON Schema keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: "hookline:openapi" });
  return (pointer, value) => {
    const validate = ajv.compile({ $ref: `hookline:openapi#${pointer}` });
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
  };
}

/** RFC 6901: a key as a JSON pointer segment. */
export const pointerSegment = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every object of the document with its JSON pointer; the values of examples and code samples are not entered. */
export function* walkDocument(
  node: unknown,
  pointer = "",
): Generator<{ pointer: string; node: Record<string, unknown> }> {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* walkDocument(item, `${pointer}/${index}`);
    return;
  }
  const object = node as Record<string, unknown>;
  yield { pointer, node: object };
  for (const [key, value] of Object.entries(object)) {
    if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
    yield* walkDocument(value, `${pointer}/${pointerSegment(key)}`);
  }
}
