import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument, type OpenApiDocument } from "./openapi";
import { receiverSchemes } from "./openapi-receivers";
import { apiOperations } from "./openapi-routes";
import { apiRouteFiles, documentValidator, routeKey, walkDocument, type ApiRouteFile } from "./openapi-testing";

let document: OpenApiDocument;
let routes: ApiRouteFile[];
beforeAll(async () => {
  document = openApiDocument("https://hookline.example.com");
  routes = await apiRouteFiles();
});

const asSpec = (value: unknown) => value as Parameters<Validator["validate"]>[0];

const documented = () =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    ["get", "put", "post", "delete", "patch", "head", "options"]
      .filter((method) => method in item)
      .map((method) => routeKey(method, path)),
  );

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document for @seriousme/openapi-schema-validator, which refuses a broken copy", async () => {
    const result = await new Validator().validate(asSpec(structuredClone(document)));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");

    const broken = structuredClone(document) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    broken.paths["/events"].post = { responses: "none" };
    expect((await new Validator().validate(asSpec(broken))).valid).toBe(false);
  });

  it("has every $ref pointing at something in the document", () => {
    const refs = [...walkDocument(document)].flatMap(({ node }) => (typeof node.$ref === "string" ? [node.$ref] : []));
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>(
          (node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
          document,
        );
      expect(target, ref).toBeDefined();
    }
  });

  it("documents every route.ts under app/api/v1 with each method it exports, and nothing that does not exist", () => {
    const served = routes.flatMap((route) => Object.keys(route.handlers).map((method) => routeKey(method, route.path)));
    expect(served).toContain("POST /events");
    expect(served).toContain("GET /openapi.json");
    expect(new Set(documented())).toEqual(new Set(served));
    expect(documented()).toHaveLength(served.length);
  });

  it("names each path parameter as the route's folder does, in the same places", () => {
    for (const operation of apiOperations()) {
      const route = routes.find(
        (r) => routeKey(operation.method, r.path) === routeKey(operation.method, operation.path),
      );
      const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(names.length, operation.path).toBe(route?.params.length);
      expect(Object.keys(operation.params?.shape ?? {}), operation.path).toEqual(names);
    }
  });

  it("uses the bearer API key everywhere but on the document itself; organizations take the installation key alone", () => {
    expect(document.components?.securitySchemes?.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components?.securitySchemes?.installationKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ apiKey: [] }, { installationKey: [] }]);
    const platform = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        JSON.stringify((operation as { security?: unknown[] }).security) === '[{"installationKey":[]}]'
          ? [routeKey(method, path)]
          : [],
      ),
    );
    expect(platform.sort()).toEqual([
      "DELETE /organizations/{}",
      "GET /organizations",
      "GET /organizations/{}",
      "POST /organizations",
      "POST /organizations/{}/portal_sessions",
      "PUT /organizations/{}",
    ]);
    // Every organization route documents the header an installation key names its organization with.
    for (const operation of apiOperations().filter(
      (o) => !o.public && (o.caller ?? "organization") === "organization",
    )) {
      const parameters = (document.paths?.[operation.path]?.[operation.method]?.parameters ?? []) as { name: string }[];
      expect(
        parameters.map((p) => p.name),
        operation.operationId,
      ).toContain("Hookline-Organization");
    }
    const open = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        (operation as { security?: unknown[] }).security?.length === 0 ? [routeKey(method, path)] : [],
      ),
    );
    expect(open).toEqual(["GET /openapi.json"]);
  });

  it("answers Lago's error shape, with an example, for 401 everywhere authenticated and 422 wherever a body is sent", () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item) as [
        string,
        {
          responses: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }>;
          requestBody?: unknown;
          security?: unknown[];
        },
      ][]) {
        const statuses = Object.keys(operation.responses);
        if (operation.security?.length !== 0) expect(statuses, `${method} ${path}`).toContain("401");
        if (operation.requestBody)
          expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(["400", "413", "422"]));
        for (const status of statuses.filter((s) => Number(s) >= 400)) {
          const json = operation.responses[status].content?.["application/json"];
          expect(json?.schema).toEqual({ $ref: "#/components/schemas/LagoError" });
          expect(json?.example).toMatchObject({
            status: Number(status),
            error: expect.any(String),
            code: expect.any(String),
          });
        }
      }
    }
  });

  it("passes every request example through the zod schema the route validates with", () => {
    const withBodies = apiOperations().filter((operation) => operation.body);
    expect(withBodies.map((operation) => operation.operationId)).toEqual(
      expect.arrayContaining(["createEvent", "createWebhookEndpoint", "updateWebhookEndpoint", "replayFailedWebhooks"]),
    );
    for (const { operationId, body } of withBodies) {
      const result = body!.schema.safeParse(body!.example);
      expect(result.error?.issues ?? [], operationId).toEqual([]);
    }
    // And the zod schemas refuse what the routes refuse (the document's schemas are theirs, not look-alikes).
    const create = apiOperations().find((operation) => operation.operationId === "createWebhookEndpoint")!.body!.schema;
    expect(create.safeParse({ webhook_endpoint: { webhook_url: "ftp://example.com" } }).success).toBe(false);
    expect(create.safeParse({ webhook_endpoint: { webhook_url: "https://example.com", extra: 1 } }).success).toBe(
      false,
    );
    const event = apiOperations().find((operation) => operation.operationId === "createEvent")!.body!.schema;
    expect(event.safeParse({ event: { webhook_type: "Invoice", object_type: "invoice", object: {} } }).success).toBe(
      false,
    );
  });

  it("has every example (requests, answers, errors, headers, deliveries) valid against its JSON schema in the document", async () => {
    const validate = await documentValidator(document);
    let checked = 0;
    for (const { pointer, node } of walkDocument(document)) {
      if (!("example" in node)) continue;
      // A media type's example is checked against its schema; a schema's against itself.
      const target = "schema" in node ? `${pointer}/schema` : pointer;
      expect(validate(target, node.example), `${pointer}: ${JSON.stringify(node.example)}`).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
    // The validator does refuse: a wrong example fails.
    expect(validate("/components/schemas/WebhookEndpoint", { lago_id: 1 }).length).toBeGreaterThan(0);
  });

  it("describes every field of every request, answer and delivery", () => {
    const undescribed: string[] = [];
    for (const { pointer, node } of walkDocument(document)) {
      if (!node.properties || typeof node.properties !== "object") continue;
      for (const [name, property] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) {
        if (!property.$ref && !property.description) undescribed.push(`${pointer}/properties/${name}`);
      }
    }
    for (const { pointer, node } of walkDocument(document)) {
      if (node.in && !node.description) undescribed.push(pointer);
    }
    expect(undescribed).toEqual([]);
  });

  it("describes each signature scheme's delivery in `webhooks`, with its headers, the payload and snippets in four languages", () => {
    const webhooks = document.webhooks ?? {};
    expect(Object.keys(webhooks)).toEqual(["delivery-jwt", "delivery-hmac", "delivery-standard"]);
    for (const scheme of receiverSchemes("https://hookline.example.com")) {
      const post = webhooks[`delivery-${scheme.algo}`].post as Record<string, unknown> & {
        parameters: { name: string; in: string }[];
      };
      expect(post.parameters.map((p) => p.name)).toEqual(Object.keys(scheme.headers.shape));
      expect(post.parameters.every((p) => p.in === "header")).toBe(true);
      expect((post["x-codeSamples"] as { label: string }[]).map((s) => s.label)).toEqual([
        "Node.js",
        "Python",
        "Go",
        "Ruby",
      ]);
      expect(post.requestBody).toMatchObject({
        content: { "application/json": { schema: { $ref: "#/components/schemas/DeliveredPayload" } } },
      });
    }
  });

  it("is generated once per base URL (and hour), and frozen so that no caller changes the shared copy", () => {
    const again = openApiDocument("https://hookline.example.com");
    expect(again).toBe(openApiDocument("https://hookline.example.com"));
    expect(Object.isFrozen(again.paths?.["/events"]?.post)).toBe(true);
    const other = openApiDocument("https://other.example.com");
    expect(other).not.toBe(again);
    expect(other.servers?.[0]?.url).toBe("https://other.example.com/api/v1");
  });

  it("points its server at the installation's /api/v1", () => {
    expect(document.servers).toEqual([
      { url: "https://hookline.example.com/api/v1", description: "This installation" },
    ]);
  });
});
