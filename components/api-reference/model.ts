// The OpenAPI document read for the reference page: operations grouped by tag, deliveries, examples and curl calls.
import { resolve, type JsonSchema, type SchemaDocument } from "./schema";

export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
export type MediaType = { schema?: JsonSchema; example?: unknown };
export type CodeSample = { lang: string; label: string; source: string; "x-install"?: string };
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { description?: string; content?: Record<string, MediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
  security?: unknown[];
  "x-codeSamples"?: CodeSample[];
};
export type ReferenceDocument = SchemaDocument & {
  info?: { title?: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
};

/** The document as /api/v1/openapi.json serves it (JSON), read through the types above. */
export function asServed(document: object): ReferenceDocument {
  return JSON.parse(JSON.stringify(document)) as ReferenceDocument;
}

export type OperationView = { id: string; method: string; path: string; operation: Operation };
export type TagView = { name: string; id: string; description?: string; operations: OperationView[] };

const METHODS = ["get", "post", "put", "patch", "delete"];

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The paths' operations grouped under the document's tags, in the tags' order (untagged ones last). */
export function operationsByTag(document: ReferenceDocument): TagView[] {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      id: `op-${slug(item[method].operationId ?? `${method} ${path}`)}`,
      method,
      path,
      operation: item[method],
    })),
  );
  const tags = [...(document.tags ?? [])];
  for (const { operation } of operations) {
    const name = operation.tags?.[0] ?? "Other";
    if (!tags.some((tag) => tag.name === name)) tags.push({ name });
  }
  return tags
    .map((tag) => ({
      ...tag,
      id: `tag-${slug(tag.name)}`,
      operations: operations.filter(({ operation }) => (operation.tags?.[0] ?? "Other") === tag.name),
    }))
    .filter((tag) => tag.operations.length > 0);
}

/** The deliveries (`webhooks`), one per signature scheme. */
export function deliveries(document: ReferenceDocument): OperationView[] {
  return Object.entries(document.webhooks ?? {}).flatMap(([name, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      id: `delivery-${slug(name)}`,
      method,
      path: name,
      operation: item[method],
    })),
  );
}

/** A media type's example, or its schema's. */
export function exampleOf(document: SchemaDocument, media: MediaType | undefined): unknown {
  if (!media) return undefined;
  return media.example ?? resolve(document, media.schema).example;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The operation as a curl command against the document's server, with the examples for its parameters and body. */
export function curlExample(document: ReferenceDocument, view: OperationView): string {
  const server = document.servers?.[0]?.url ?? "";
  const parameters = view.operation.parameters ?? [];
  const path = view.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const example = parameters.find((p) => p.in === "path" && p.name === name)?.schema?.example;
    return example === undefined ? whole : encodeURIComponent(String(example));
  });
  const lines = [`curl -X ${view.method.toUpperCase()} "${server}${path}"`];
  if (view.operation.security?.length !== 0) lines.push(`  -H "Authorization: Bearer $HOOKLINE_API_KEY"`);
  for (const header of parameters.filter((p) => p.in === "header" && p.schema?.example !== undefined)) {
    lines.push(`  -H ${shellQuote(`${header.name}: ${String(header.schema?.example)}`)}`);
  }
  const body = exampleOf(document, view.operation.requestBody?.content?.["application/json"]);
  if (body !== undefined)
    lines.push(`  -H "Content-Type: application/json"`, `  -d ${shellQuote(JSON.stringify(body))}`);
  return lines.join(" \\\n");
}

/** A delivery as it arrives: the request line, the headers with their examples, a blank line and the body. */
export function deliveryExample(document: ReferenceDocument, view: OperationView): string {
  const headers = (view.operation.parameters ?? []).filter((p) => p.in === "header");
  const body = exampleOf(document, view.operation.requestBody?.content?.["application/json"]);
  return [
    "POST /your/endpoint HTTP/1.1",
    "Content-Type: application/json",
    ...headers.map((header) => `${header.name}: ${String(header.schema?.example ?? "")}`),
    "",
    JSON.stringify(body),
  ].join("\n");
}
