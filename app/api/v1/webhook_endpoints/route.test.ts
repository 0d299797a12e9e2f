import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LagoWebhookEndpoint, PaginationMeta } from "@/lib/api/lago";
import { apiRequest, newKey, params, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import * as one from "./[lagoId]/route";
import { GET, POST } from "./route";

let db: Db;
let teardown: () => Promise<void>;
let key: string;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  key = await newKey();
});
afterEach(() => {
  delete process.env.WEBHOOK_ENDPOINT_LIMIT;
});

type One = { webhook_endpoint: LagoWebhookEndpoint };
type List = { webhook_endpoints: LagoWebhookEndpoint[]; meta: PaginationMeta };

const create = (fields: Record<string, unknown>, k: string | null = key) =>
  POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key: k, body: { webhook_endpoint: fields } }), undefined);
const list = (query = "", k: string | null = key) => GET(apiRequest("GET", `/api/v1/webhook_endpoints${query}`, { key: k }), undefined);
const get = (id: string, k: string | null = key) => one.GET(apiRequest("GET", `/api/v1/webhook_endpoints/${id}`, { key: k }), params({ lagoId: id }));
const put = (id: string, fields: Record<string, unknown>, k: string | null = key) =>
  one.PUT(apiRequest("PUT", `/api/v1/webhook_endpoints/${id}`, { key: k, body: { webhook_endpoint: fields } }), params({ lagoId: id }));
const del = (id: string, k: string | null = key) => one.DELETE(apiRequest("DELETE", `/api/v1/webhook_endpoints/${id}`, { key: k }), params({ lagoId: id }));

const UNKNOWN_ID = "0198c0de-0000-7000-8000-000000000000";

describe(`/api/v1/webhook_endpoints on ${testProvider}`, () => {
  it("creates an endpoint and answers in Lago's shape, JWT by default", async () => {
    const { status, body } = await read<One>(await create({ webhook_url: "https://example.com/lago", name: "Billing" }));
    expect(status).toBe(200);
    const endpoint = body.webhook_endpoint;
    expect(Object.keys(endpoint).sort()).toEqual(
      ["created_at", "event_types", "lago_id", "lago_organization_id", "name", "signature_algo", "webhook_url"].sort(),
    );
    expect(endpoint).toMatchObject({ webhook_url: "https://example.com/lago", signature_algo: "jwt", name: "Billing", event_types: null });
    expect(endpoint.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(JSON.stringify(body)).not.toMatch(/secret/i);

    const second = await read<One>(await create({ webhook_url: "https://example.com/two", signature_algo: "hmac", event_types: ["invoice.created"] }));
    expect(second.body.webhook_endpoint).toMatchObject({ signature_algo: "hmac", event_types: ["invoice.created"] });
    // One organisation per installation: the same id every time.
    expect(second.body.webhook_endpoint.lago_organization_id).toBe(endpoint.lago_organization_id);
    expect(endpoint.lago_organization_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 401 to every method without a valid key, and writes nothing", async () => {
    const responses = [
      await create({ webhook_url: "https://example.com/a" }, null),
      await list("", "hl_wrong"),
      await get(UNKNOWN_ID, null),
      await put(UNKNOWN_ID, { name: "x" }, null),
      await del(UNKNOWN_ID, "hl_wrong"),
    ];
    for (const response of responses) expect(await read(response)).toMatchObject({ status: 401, body: { status: 401, error: "Unauthorized" } });
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it.each([
    [{ webhook_url: "ftp://example.com/a" }, "webhook_url"],
    [{ webhook_url: "" }, "webhook_url"],
    [{}, "webhook_url"],
    [{ webhook_url: "https://example.com/a", signature_algo: "md5" }, "signature_algo"],
    [{ webhook_url: "https://example.com/a", event_types: ["invoice"] }, "event_types.0"],
    [{ webhook_url: "https://example.com/a", event_types: [] }, "event_types"],
    [{ webhook_url: "https://example.com/a", name: "x".repeat(101) }, "name"],
    [{ webhook_url: "https://example.com/a", admin: true }, "admin"],
  ])("refuses %j with 422 naming %s, and writes nothing", async (fields, field) => {
    const { status, body } = await read(await create(fields));
    expect(status).toBe(422);
    expect(body).toMatchObject({ status: 422, error: "Unprocessable Entity", code: "validation_errors" });
    expect(Object.keys(body.error_details ?? {})).toEqual([field]);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses a body without the webhook_endpoint wrapper, malformed JSON, and a body over the cap", async () => {
    const unwrapped = await read(await POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key, body: { webhook_url: "https://example.com/a" } }), undefined));
    expect(unwrapped.status).toBe(422);
    expect(Object.keys(unwrapped.body.error_details ?? {}).sort()).toEqual(["webhook_endpoint", "webhook_url"]);
    expect((await POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key, raw: "{nope" }), undefined)).status).toBe(400);
    const big = { webhook_endpoint: { webhook_url: "https://example.com/a", name: "x".repeat(300_000) } };
    expect((await POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key, body: big }), undefined)).status).toBe(413);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses a duplicate URL and the 6th endpoint, as the dashboard does", async () => {
    for (let i = 1; i <= 5; i++) expect((await create({ webhook_url: `https://example.com/${i}` })).status).toBe(200);

    const duplicate = await read(await create({ webhook_url: "https://example.com/1" }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error_details?.webhook_url?.[0]).toMatch(/already registered/);

    const sixth = await read(await create({ webhook_url: "https://example.com/6" }));
    expect(sixth.status).toBe(422);
    expect(sixth.body.error_details?.base?.[0]).toMatch(/up to 5 webhook endpoints/);
    expect(await db.webhookEndpoint.count()).toBe(5);
  });

  it("pages the list with Lago's page / per_page and meta", async () => {
    process.env.WEBHOOK_ENDPOINT_LIMIT = "10";
    for (let i = 1; i <= 5; i++) await create({ webhook_url: `https://example.com/${i}` });

    const all = await read<List>(await list());
    expect(all.body.webhook_endpoints.map((e) => e.webhook_url)).toEqual([1, 2, 3, 4, 5].map((i) => `https://example.com/${i}`));
    expect(all.body.meta).toEqual({ current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 5 });

    const middle = await read<List>(await list("?per_page=2&page=2"));
    expect(middle.body.webhook_endpoints.map((e) => e.webhook_url)).toEqual(["https://example.com/3", "https://example.com/4"]);
    expect(middle.body.meta).toEqual({ current_page: 2, next_page: 3, prev_page: 1, total_pages: 3, total_count: 5 });

    const last = await read<List>(await list("?per_page=2&page=3"));
    expect(last.body.meta).toEqual({ current_page: 3, next_page: null, prev_page: 2, total_pages: 3, total_count: 5 });

    const beyond = await read<List>(await list("?per_page=2&page=9"));
    expect(beyond.body.webhook_endpoints).toEqual([]);
    expect(beyond.body.meta).toEqual({ current_page: 9, next_page: null, prev_page: null, total_pages: 3, total_count: 5 });

    const nonsense = await read<List>(await list("?per_page=-1&page=abc"));
    expect(nonsense.body.meta.current_page).toBe(1);
    expect(nonsense.body.webhook_endpoints).toHaveLength(5);
  });

  it("gets, updates and deletes one endpoint by lago_id", async () => {
    const created = (await read<One>(await create({ webhook_url: "https://example.com/a" }))).body.webhook_endpoint;
    await create({ webhook_url: "https://example.com/b" });

    expect((await read<One>(await get(created.lago_id))).body.webhook_endpoint).toEqual(created);

    const updated = await read<One>(await put(created.lago_id, { webhook_url: "https://example.com/a2", signature_algo: "hmac", event_types: ["invoice.created"] }));
    expect(updated.status).toBe(200);
    expect(updated.body.webhook_endpoint).toMatchObject({ lago_id: created.lago_id, webhook_url: "https://example.com/a2", signature_algo: "hmac", event_types: ["invoice.created"] });

    // Absent fields are kept; null event_types means every type again.
    const renamed = await read<One>(await put(created.lago_id, { name: "Renamed", event_types: null }));
    expect(renamed.body.webhook_endpoint).toMatchObject({ webhook_url: "https://example.com/a2", signature_algo: "hmac", name: "Renamed", event_types: null });

    const duplicate = await read(await put(created.lago_id, { webhook_url: "https://example.com/b" }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error_details).toHaveProperty("webhook_url");
    const invalid = await read(await put(created.lago_id, { signature_algo: "rsa", extra: 1 }));
    expect(Object.keys(invalid.body.error_details ?? {})).toEqual(["extra"]);

    const deleted = await read<One>(await del(created.lago_id));
    expect(deleted.status).toBe(200);
    expect(deleted.body.webhook_endpoint.lago_id).toBe(created.lago_id);
    expect(await db.webhookEndpoint.count()).toBe(1);
  });

  it("answers 404 webhook_endpoint_not_found for an unknown or impossible lago_id", async () => {
    for (const response of [await get(UNKNOWN_ID), await put(UNKNOWN_ID, { name: "x" }), await del(UNKNOWN_ID), await get("x".repeat(100))]) {
      expect(await read(response)).toMatchObject({ status: 404, body: { status: 404, error: "Not Found", code: "webhook_endpoint_not_found" } });
    }
  });
});
