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
  process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
});

type One = { webhook_endpoint: LagoWebhookEndpoint };
type List = { webhook_endpoints: LagoWebhookEndpoint[]; meta: PaginationMeta };

const create = (fields: Record<string, unknown>, k: string | null = key) =>
  POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key: k, body: { webhook_endpoint: fields } }), undefined);
const list = (query = "", k: string | null = key) =>
  GET(apiRequest("GET", `/api/v1/webhook_endpoints${query}`, { key: k }), undefined);
const get = (id: string, k: string | null = key) =>
  one.GET(apiRequest("GET", `/api/v1/webhook_endpoints/${id}`, { key: k }), params({ lagoId: id }));
const put = (id: string, fields: Record<string, unknown>, k: string | null = key) =>
  one.PUT(
    apiRequest("PUT", `/api/v1/webhook_endpoints/${id}`, { key: k, body: { webhook_endpoint: fields } }),
    params({ lagoId: id }),
  );
const del = (id: string, k: string | null = key) =>
  one.DELETE(apiRequest("DELETE", `/api/v1/webhook_endpoints/${id}`, { key: k }), params({ lagoId: id }));

const UNKNOWN_ID = "0198c0de-0000-7000-8000-000000000000";

describe(`/api/v1/webhook_endpoints on ${testProvider}`, () => {
  it("takes send_traceparent as an optional boolean: off by default, changed only when sent", async () => {
    const plain = await read<One>(await create({ webhook_url: "https://example.com/plain" }));
    expect(plain.body.webhook_endpoint.send_traceparent).toBe(false);
    const traced = await read<One>(await create({ webhook_url: "https://example.com/traced", send_traceparent: true }));
    expect(traced.status).toBe(200);
    expect(traced.body.webhook_endpoint.send_traceparent).toBe(true);
    const renamed = await read<One>(await put(traced.body.webhook_endpoint.lago_id, { name: "Traced" }));
    expect(renamed.body.webhook_endpoint.send_traceparent).toBe(true);
    const off = await read<One>(await put(traced.body.webhook_endpoint.lago_id, { send_traceparent: false }));
    expect(off.body.webhook_endpoint.send_traceparent).toBe(false);
    const wrong = await read(await put(traced.body.webhook_endpoint.lago_id, { send_traceparent: "yes" }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error_details).toHaveProperty("send_traceparent");
    expect(
      (await read<One>(await get(traced.body.webhook_endpoint.lago_id))).body.webhook_endpoint.send_traceparent,
    ).toBe(false);
  });

  it("creates an endpoint and answers in Lago's shape, JWT by default", async () => {
    const { status, body } = await read<One>(
      await create({ webhook_url: "https://example.com/lago", name: "Billing" }),
    );
    expect(status).toBe(200);
    const endpoint = body.webhook_endpoint;
    expect(Object.keys(endpoint).sort()).toEqual(
      [
        "created_at",
        "event_types",
        "lago_id",
        "lago_organization_id",
        "name",
        "send_traceparent",
        "signature_algo",
        "webhook_url",
      ].sort(),
    );
    expect(endpoint).toMatchObject({
      webhook_url: "https://example.com/lago",
      signature_algo: "jwt",
      name: "Billing",
      event_types: null,
    });
    expect(endpoint.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(JSON.stringify(body)).not.toMatch(/secret/i);

    const second = await read<One>(
      await create({
        webhook_url: "https://example.com/two",
        signature_algo: "hmac",
        event_types: ["invoice.created"],
      }),
    );
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
    for (const response of responses)
      expect(await read(response)).toMatchObject({ status: 401, body: { status: 401, error: "Unauthorized" } });
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
    const unwrapped = await read(
      await POST(
        apiRequest("POST", "/api/v1/webhook_endpoints", { key, body: { webhook_url: "https://example.com/a" } }),
        undefined,
      ),
    );
    expect(unwrapped.status).toBe(422);
    expect(Object.keys(unwrapped.body.error_details ?? {}).sort()).toEqual(["webhook_endpoint", "webhook_url"]);
    expect((await POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key, raw: "{nope" }), undefined)).status).toBe(
      400,
    );
    const big = { webhook_endpoint: { webhook_url: "https://example.com/a", name: "x".repeat(300_000) } };
    expect((await POST(apiRequest("POST", "/api/v1/webhook_endpoints", { key, body: big }), undefined)).status).toBe(
      413,
    );
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
    expect(all.body.webhook_endpoints.map((e) => e.webhook_url)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `https://example.com/${i}`),
    );
    expect(all.body.meta).toEqual({
      current_page: 1,
      next_page: null,
      prev_page: null,
      total_pages: 1,
      total_count: 5,
    });

    const middle = await read<List>(await list("?per_page=2&page=2"));
    expect(middle.body.webhook_endpoints.map((e) => e.webhook_url)).toEqual([
      "https://example.com/3",
      "https://example.com/4",
    ]);
    expect(middle.body.meta).toEqual({ current_page: 2, next_page: 3, prev_page: 1, total_pages: 3, total_count: 5 });

    const last = await read<List>(await list("?per_page=2&page=3"));
    expect(last.body.meta).toEqual({ current_page: 3, next_page: null, prev_page: 2, total_pages: 3, total_count: 5 });

    const beyond = await read<List>(await list("?per_page=2&page=9"));
    expect(beyond.body.webhook_endpoints).toEqual([]);
    expect(beyond.body.meta).toEqual({
      current_page: 9,
      next_page: null,
      prev_page: null,
      total_pages: 3,
      total_count: 5,
    });

    const nonsense = await read<List>(await list("?per_page=-1&page=abc"));
    expect(nonsense.body.meta.current_page).toBe(1);
    expect(nonsense.body.webhook_endpoints).toHaveLength(5);
  });

  it("gets, updates and deletes one endpoint by lago_id", async () => {
    const created = (await read<One>(await create({ webhook_url: "https://example.com/a" }))).body.webhook_endpoint;
    await create({ webhook_url: "https://example.com/b" });

    expect((await read<One>(await get(created.lago_id))).body.webhook_endpoint).toEqual(created);

    const updated = await read<One>(
      await put(created.lago_id, {
        webhook_url: "https://example.com/a2",
        signature_algo: "hmac",
        event_types: ["invoice.created"],
      }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.webhook_endpoint).toMatchObject({
      lago_id: created.lago_id,
      webhook_url: "https://example.com/a2",
      signature_algo: "hmac",
      event_types: ["invoice.created"],
    });

    // Absent fields are kept; null event_types means every type again.
    const renamed = await read<One>(await put(created.lago_id, { name: "Renamed", event_types: null }));
    expect(renamed.body.webhook_endpoint).toMatchObject({
      webhook_url: "https://example.com/a2",
      signature_algo: "hmac",
      name: "Renamed",
      event_types: null,
    });

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
    for (const response of [
      await get(UNKNOWN_ID),
      await put(UNKNOWN_ID, { name: "x" }),
      await del(UNKNOWN_ID),
      await get("x".repeat(100)),
    ]) {
      expect(await read(response)).toMatchObject({
        status: 404,
        body: { status: 404, error: "Not Found", code: "webhook_endpoint_not_found" },
      });
    }
  });

  it("changes only the fields a PUT gives: a URL alone, or nothing, keeps the name, signature and event types", async () => {
    const fields = {
      webhook_url: "https://example.com/filtered",
      signature_algo: "hmac",
      name: "Invoices only",
      event_types: ["invoice.created", "invoice.voided"],
    };
    const created = (await read<One>(await create(fields))).body.webhook_endpoint;
    const stored = () => db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.lago_id } });
    const before = await stored();

    const moved = await read<One>(await put(created.lago_id, { webhook_url: "https://example.com/moved" }));
    expect(moved.status).toBe(200);
    expect(moved.body.webhook_endpoint).toEqual({ ...created, webhook_url: "https://example.com/moved" });
    expect(await stored()).toMatchObject({ ...before, url: "https://example.com/moved", updatedAt: expect.any(Date) });

    const nothing = await read<One>(await put(created.lago_id, {}));
    expect(nothing.status).toBe(200);
    expect(nothing.body.webhook_endpoint).toEqual({ ...created, webhook_url: "https://example.com/moved" });
    expect(await stored()).toMatchObject({
      name: "Invoices only",
      signatureAlgo: "hmac",
      eventTypes: ["invoice.created", "invoice.voided"],
      secret: before.secret,
    });
  });

  // HOOKLINE_ALLOW_PRIVATE_URLS is off in production; the tests' default turns it on for loopback receivers.
  it.each([
    ["http://127.0.0.1/hook", "127.0.0.1"],
    ["http://[::1]/hook", "::1"],
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://localhost:3000/hook", "localhost (127.0.0.1)"],
    ["http://[::ffff:0:127.0.0.1]/", "::ffff:0:7f00:1"],
  ])("refuses %s at create and update with 422, unless private URLs are allowed", async (url, shown) => {
    process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "false";
    const refused = await read(await create({ webhook_url: url }));
    expect(refused).toMatchObject({ status: 422, body: { code: "validation_errors" } });
    expect(refused.body.error_details?.webhook_url?.[0]).toBe(
      `${shown} is a private, loopback or link-local address; webhooks can only be sent to public addresses (set HOOKLINE_ALLOW_PRIVATE_URLS=true to allow them).`,
    );
    expect(await db.webhookEndpoint.count()).toBe(0);

    const endpoint = (await read<One>(await create({ webhook_url: "https://93.184.215.14/hook" }))).body
      .webhook_endpoint;
    expect((await read(await put(endpoint.lago_id, { webhook_url: url }))).status).toBe(422);
    expect((await read<One>(await get(endpoint.lago_id))).body.webhook_endpoint.webhook_url).toBe(
      "https://93.184.215.14/hook",
    );

    process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
    expect((await read<One>(await put(endpoint.lago_id, { webhook_url: url }))).body.webhook_endpoint.webhook_url).toBe(
      url,
    );
  });

  it("refuses a user name or password in the URL at create and update, saying why", async () => {
    const message =
      "The webhook URL must not contain a user name or password (user:password@): they would be stored and shown in clear. Receivers check the signature instead.";
    for (const url of [
      "https://user:pass@example.com/hook",
      "https://token@example.com/hook",
      "https://:secret@example.com/hook",
    ]) {
      expect(await read(await create({ webhook_url: url }))).toMatchObject({
        status: 422,
        body: { error_details: { webhook_url: [message] } },
      });
    }
    expect(await db.webhookEndpoint.count()).toBe(0);
    const endpoint = (await read<One>(await create({ webhook_url: "https://example.com/hook" }))).body.webhook_endpoint;
    expect(
      await read(await put(endpoint.lago_id, { webhook_url: "https://user:pass@example.com/hook" })),
    ).toMatchObject({
      status: 422,
      body: { error_details: { webhook_url: [message] } },
    });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.lago_id } })).url).toBe(
      "https://example.com/hook",
    );
  });

  it("refuses a URL over 2,048 bytes whatever its characters (PostgreSQL's unique index holds about 2,700)", async () => {
    // 1,020 characters of 3-byte UTF-8, varied so the index entry cannot be compressed below the limit.
    const wide =
      "https://example.com/" +
      Array.from({ length: 1000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join("");
    const { status, body } = await read(await create({ webhook_url: wide }));
    expect(status).toBe(422);
    expect(body.error_details?.webhook_url?.[0]).toMatch(/at most 2,048 bytes/);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("answers 404 for ids holding NUL or characters no id has, on every method", async () => {
    await create({ webhook_url: "https://example.com/a" });
    for (const id of ["\u0000", "a\u0000b", `${UNKNOWN_ID}\u0000`, "é", "a b"]) {
      for (const response of [await get(id), await put(id, { name: "x" }), await del(id)]) {
        expect(await read(response), JSON.stringify(id)).toMatchObject({
          status: 404,
          body: { code: "webhook_endpoint_not_found" },
        });
      }
    }
    expect(await db.webhookEndpoint.count()).toBe(1);
  });
});
