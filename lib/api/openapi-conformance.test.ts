// The document against the running routes: each operation, called with the document's own examples, answers the
// documented status and shape; the errors are the documented Lago shapes. Run on both databases.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { openApiDocument, errorStatuses, type OpenApiDocument } from "./openapi";
import { apiOperations, type ApiOperation } from "./openapi-routes";
import { ERROR_EXAMPLES } from "./openapi-errors";
import { apiRouteFiles, documentValidator, pointerSegment, routeKey, type ApiRouteFile } from "./openapi-testing";
import { INSTALLATION } from "./api-keys";
import { BASE, newKey } from "./test-helpers";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
let key: string;
let installationKey: string;
let routes: ApiRouteFile[];
let document: OpenApiDocument;
let validate: (pointer: string, value: unknown) => string[];
beforeAll(async () => {
  ({ db, teardown } = await setupTestDb());
  key = await newKey();
  installationKey = await newKey("platform", INSTALLATION);
  routes = await apiRouteFiles();
  document = openApiDocument(BASE);
  validate = await documentValidator(document);
});
afterAll(() => teardown());
afterEach(() => {
  delete process.env.HOOKLINE_MAX_BODY_BYTES;
});

type Call = { key?: string | null; body?: string; ids?: Record<string, string>; headers?: Record<string, string> };

/** The key an operation is called with: the platform API takes the installation key, the rest the Default one's. */
const keyFor = (operation: ApiOperation) => (operation.caller === "platform" ? installationKey : key);

/** Calls the route handler of `operation` as Next would, its path parameters taken from `ids` (Lago's names). */
async function call(
  operation: ApiOperation,
  { key: apiKey = keyFor(operation), body, ids = {}, headers: extra = {} }: Call = {},
): Promise<Response> {
  const route = routes.find((r) => routeKey(operation.method, r.path) === routeKey(operation.method, operation.path));
  const handler = route?.handlers[operation.method.toUpperCase() as "GET"];
  if (!route || !handler) throw new Error(`No handler for ${operation.method} ${operation.path}`);
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const values = names.map((name) => ids[name] ?? "0198c0de-0000-7000-8000-000000000000");
  let index = 0;
  const url = `${BASE}/api/v1${operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++]))}`;
  // As Next's requests do, it names its host.
  const headers: Record<string, string> = { host: new URL(BASE).host, ...extra };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const params = Object.fromEntries(route.params.map((name, i) => [name, values[i]]));
  return handler(new Request(url, { method: operation.method.toUpperCase(), headers, body }), {
    params: Promise.resolve(params),
  });
}

const schemaPointer = (operation: ApiOperation, status: number | string, contentType = "application/json") =>
  `/paths/${pointerSegment(operation.path)}/${operation.method}/responses/${status}/content/${pointerSegment(contentType)}/schema`;

/** The answer is one the document lists for the operation, and its body fits the documented schema. */
async function expectDocumented(operation: ApiOperation, response: Response): Promise<unknown> {
  const name = `${operation.method.toUpperCase()} ${operation.path} -> ${response.status}`;
  const responses = document.paths?.[operation.path]?.[operation.method]?.responses ?? {};
  expect(Object.keys(responses), name).toContain(String(response.status));
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0];
  const text = await response.text();
  const body = contentType === "application/json" ? JSON.parse(text) : text;
  expect(Object.keys(responses[String(response.status)].content ?? {}), name).toContain(contentType);
  expect(
    validate(schemaPointer(operation, response.status, contentType), body),
    `${name}: ${text.slice(0, 300)}`,
  ).toEqual([]);
  return body;
}

// The organization first and gone last; in it, creation first, deletion last, retry before the replay re-queues the
// failed webhook.
const ORDER = [
  "createOrganization",
  "createWebhookEndpoint",
  "retryWebhook",
  "replayFailedWebhooks",
  "destroyWebhookEndpoint",
  "destroyOrganization",
];
const rank = (operation: ApiOperation) => {
  const at = ORDER.indexOf(operation.operationId);
  // The two creations, then every other operation, then the rest in order.
  return at === -1 ? 1.5 : at <= 1 ? at : at + 1;
};

describe(`the OpenAPI document against the routes on ${testProvider}`, () => {
  it("each operation, called with the document's examples (an installation key naming the organization the platform API made), answers its documented status with a body that fits the documented schema", async () => {
    const operations = [...apiOperations()].sort((a, b) => rank(a) - rank(b));
    const ids: Record<string, string> = {};
    let organizationId = "";
    for (const operation of operations) {
      if (operation.operationId === "createPortalSession") {
        ids.id = (await db.organization.create({ data: { name: "Acme", externalId: "cus_123" } })).id;
      }
      if (operation.operationId === "retryWebhook") {
        // A failed webhook to retry (the API cannot make one without waiting for a schedule to run out).
        const event = await db.event.create({
          data: { organizationId, webhookType: "invoice.created", objectType: "invoice", body: "{}" },
        });
        const webhook = await db.webhook.create({
          data: {
            organizationId,
            eventId: event.id,
            endpointId: ids.lago_id,
            webhookType: "invoice.created",
            objectType: "invoice",
            status: "failed",
            attemptCount: 3,
            retries: 2,
          },
        });
        ids.id = webhook.id;
      }
      // The documented header examples too (Idempotency-Key).
      const parameters = (document.paths?.[operation.path]?.[operation.method]?.parameters ?? []) as {
        in: string;
        name: string;
        schema?: { example?: unknown };
      }[];
      const headers = Object.fromEntries(
        parameters.filter((p) => p.in === "header").map((p) => [p.name, String(p.schema?.example)]),
      );
      const response = await call(operation, {
        key: operation.public ? null : installationKey,
        body: operation.body && JSON.stringify(operation.body.example),
        ids,
        headers,
      });
      expect(response.status, `${operation.operationId}: ${await response.clone().text()}`).toBe(
        operation.answer.status,
      );
      const body = await expectDocumented(operation, response);
      // Nothing undocumented: zod drops unknown fields, so the parsed answer equals the answer only if all are known.
      expect(operation.answer.schema.parse(body), operation.operationId).toEqual(body);
      if (operation.operationId === "createWebhookEndpoint")
        ids.lago_id = (body as { webhook_endpoint: { lago_id: string } }).webhook_endpoint.lago_id;
      if (operation.operationId === "createOrganization") {
        const { organization } = body as { organization: { lago_id: string; external_id: string } };
        organizationId = organization.lago_id;
        // By its external_id, as the examples name it.
        ids.organization_id = organization.external_id;
      }
    }
    // The organization went last, with its events and webhooks.
    expect(await db.organization.count({ where: { id: organizationId } })).toBe(0);
    expect(await db.webhookEndpoint.count()).toBe(0);
    expect(await db.event.count()).toBe(0);
  });

  it("answers the documented Lago errors: 401 without a valid key, 400 for a body that is not JSON, 422 for a wrong one, 404, 413", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, {
      url: "https://errors.example.com/hook",
      signatureAlgo: "hmac",
    });
    const [events, endpoints] = await Promise.all([db.event.count(), db.webhookEndpoint.count()]);
    const checked = new Set<string>();
    for (const operation of apiOperations()) {
      const statuses = errorStatuses(operation);
      const ids = { lago_id: endpoint.id };
      const expectError = async (response: Response, status: number, example?: object) => {
        expect(statuses, operation.operationId).toContain(status);
        const body = await expectDocumented(operation, response);
        expect(response.status, operation.operationId).toBe(status);
        if (example) expect(body).toMatchObject(example);
        checked.add(`${operation.operationId} ${status}`);
      };
      if (!operation.public) {
        await expectError(await call(operation, { key: null, ids }), 401, { code: "missing_api_key" });
        await expectError(await call(operation, { key: "hl_wrong", ids }), 401, ERROR_EXAMPLES[401].example);
      }
      if (operation.body) {
        await expectError(await call(operation, { body: "{", ids }), 400, {
          code: "invalid_json",
          error: ERROR_EXAMPLES[400].example.error,
        });
        await expectError(await call(operation, { body: "[1]", ids }), 422, {
          code: "validation_errors",
          error: ERROR_EXAMPLES[422].example.error,
        });
        process.env.HOOKLINE_MAX_BODY_BYTES = "8";
        await expectError(await call(operation, { body: JSON.stringify(operation.body.example), ids }), 413, {
          code: "request_too_large",
          error: ERROR_EXAMPLES[413].example.error,
        });
        delete process.env.HOOKLINE_MAX_BODY_BYTES;
      }
      if (operation.params) {
        await expectError(
          await call(operation, { body: operation.body && JSON.stringify(operation.body.example) }),
          404,
          { status: 404, error: "Not Found" },
        );
      }
    }
    expect(checked).toContain("createWebhookEndpoint 422");
    expect(checked).toContain("retryWebhook 404");
    expect(checked).toContain("createEvent 413");
    // Nothing was written by a refused request.
    expect(await db.event.count()).toBe(events);
    expect(await db.webhookEndpoint.count()).toBe(endpoints);
  });

  it("answers 405 as documented when a webhook that has not failed is retried", async () => {
    const retry = apiOperations().find((operation) => operation.operationId === "retryWebhook")!;
    const endpoint = await createEndpoint(DEFAULT_ORG, {
      url: "https://retry.example.com/hook",
      signatureAlgo: "hmac",
    });
    const event = await db.event.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        webhookType: "invoice.created",
        objectType: "invoice",
        body: "{}",
      },
    });
    const webhook = await db.webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: event.id,
        endpointId: endpoint.id,
        webhookType: "invoice.created",
        objectType: "invoice",
        status: "succeeded",
      },
    });
    const response = await call(retry, { ids: { id: webhook.id } });
    expect(response.status).toBe(405);
    expect(await expectDocumented(retry, response)).toEqual(ERROR_EXAMPLES[405].example);
  });

  it("serves the document at /api/v1/openapi.json without a key, for HOOKLINE_PUBLIC_URL or else the host it is asked on", async () => {
    const operation = apiOperations().find((o) => o.path === "/openapi.json")!;
    const serve = async () => {
      const response = await call(operation, { key: null });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      return (await response.json()) as OpenApiDocument;
    };
    const configured = process.env.HOOKLINE_PUBLIC_URL;
    try {
      process.env.HOOKLINE_PUBLIC_URL = "https://hooks.example.org/";
      expect((await serve()).servers).toEqual([
        { url: "https://hooks.example.org/api/v1", description: "This installation" },
      ]);
      delete process.env.HOOKLINE_PUBLIC_URL;
      const served = await serve();
      expect(served.servers).toEqual([{ url: `${BASE}/api/v1`, description: "This installation" }]);
      expect(Object.keys(served.paths ?? {})).toEqual(Object.keys(document.paths ?? {}));
    } finally {
      process.env.HOOKLINE_PUBLIC_URL = configured;
    }
  });
});
