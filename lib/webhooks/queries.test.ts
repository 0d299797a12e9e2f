import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { parseLogFilters, logFiltersToSearchParams, readLogFilters } from "./log-filters";
import {
  COUNT_CAP,
  countWebhooks,
  decodeCursor,
  listAllWebhooks,
  encodeCursor,
  listWebhooks,
  searchWebhookTypes,
  uuidPrefix,
  type WebhookPage,
} from "./queries";
import { eventDeliveries, getAttemptDetail, getWebhookDetail } from "./detail";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

const T0 = Date.parse("2026-03-10T12:00:00.000Z");
const minutes = (n: number) => new Date(T0 + n * 60_000);

async function endpoint(url = "https://example.com/hooks") {
  return db.webhookEndpoint.create({
    data: { organizationId: DEFAULT_ORGANIZATION_ID, url, signatureAlgo: "hmac", secret: "s" },
  });
}

type Seed = {
  type?: string;
  status?: string;
  at: Date;
  objectId?: string | null;
  id?: string;
  retries?: number;
  lastHttpStatus?: number | null;
  attemptCount?: number;
  lastError?: string | null;
};

/** An event and its webhook to one endpoint, as emit would have written them. */
async function webhook(endpointId: string, seed: Seed) {
  const type = seed.type ?? "invoice.created";
  const objectId = seed.objectId === undefined ? null : seed.objectId;
  const body = JSON.stringify({
    webhook_type: type,
    object_type: type.split(".")[0],
    [type.split(".")[0]]: { lago_id: objectId },
  });
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: type,
      objectType: type.split(".")[0],
      objectId,
      body,
      createdAt: seed.at,
    },
  });
  return db.webhook.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      id: seed.id,
      eventId: event.id,
      endpointId,
      webhookType: type,
      objectType: type.split(".")[0],
      objectId,
      status: seed.status ?? "succeeded",
      retries: seed.retries ?? 0,
      lastHttpStatus: seed.lastHttpStatus === undefined ? 200 : seed.lastHttpStatus,
      attemptCount: seed.attemptCount ?? 1,
      lastError: seed.lastError ?? null,
      createdAt: seed.at,
    },
  });
}

async function everyPage(endpointId: string, filters = {}): Promise<WebhookPage["items"]> {
  const items: WebhookPage["items"] = [];
  let cursor: string | null = null;
  do {
    const page: WebhookPage = await listWebhooks(DEFAULT_ORG, endpointId, filters, cursor);
    expect(page.items.length).toBeLessThanOrEqual(50);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe(`the log filters (${testProvider})`, () => {
  it("defaults to every status, normalises what it can, and names what cannot be right", () => {
    expect(parseLogFilters(new URLSearchParams("q=%20%20"))).toEqual({ status: "all" });
    expect(parseLogFilters({ status: ["failed", "succeeded"], type: "Invoice.Created" })).toEqual({
      status: "failed",
      type: "invoice.created",
    });
    expect(readLogFilters({ status: "failed", from: "yesterday" })).toEqual({
      filters: { status: "failed" },
      error: "From date must be a day (2026-11-26) or an ISO 8601 date and time (2026-11-26T09:00:00Z).",
    });
    expect(readLogFilters({ status: "bogus" }).error).toBe(
      "Status must be one of all, succeeded, failed, retrying, pending.",
    );
    expect(readLogFilters({ type: "Not A Type" }).error).toMatch(/noun\.verb/);
    expect(() => parseLogFilters({ q: "a\u0000b" })).toThrow(AppError);
  });

  // PostgreSQL cannot hold NUL in text nor years before 1 or after 294276; JavaScript dates reach -271821.
  it.each([
    ["q=%00", "The search must not contain control characters."],
    [
      "from=-271821-04-20T00:00:00Z",
      "From date must be a day (2026-11-26) or an ISO 8601 date and time (2026-11-26T09:00:00Z).",
    ],
    ["from=0000-01-01", "From date must be between the years 0001 and 9999."],
    ["to=0000-12-31T00:00:00Z", "To date must be between the years 0001 and 9999."],
    ["from=2026-02-30", "From date must be a real day, e.g. 2026-11-26."],
    [`q=${"a".repeat(256)}`, "Search must be at most 255 characters."],
  ])("refuses %s with a sentence, and the query refuses it before the database", async (query, message) => {
    expect(readLogFilters(new URLSearchParams(query)).error).toBe(message);
    const { id } = await endpoint();
    await expect(listWebhooks(DEFAULT_ORG, id, Object.fromEntries(new URLSearchParams(query)))).rejects.toThrow(
      message,
    );
  });

  it("reads the earliest and the latest days on both databases", async () => {
    const { id } = await endpoint();
    await webhook(id, { at: minutes(0) });
    const filters = parseLogFilters(new URLSearchParams("from=0001-01-01&to=9999-12-31"));
    expect(filters).toMatchObject({ from: "0001-01-01T00:00:00.000Z", to: "9999-12-31T23:59:59.999Z" });
    expect((await listWebhooks(DEFAULT_ORG, id, filters)).items).toHaveLength(1);
  });

  it("reads a bare day as that UTC day, `to` exclusive, and round-trips through the URL", () => {
    const filters = parseLogFilters(new URLSearchParams("from=2026-03-01&to=2026-03-02&q=abc&status=retrying"));
    expect(filters).toEqual({
      status: "retrying",
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-03T00:00:00.000Z",
      q: "abc",
    });
    expect(parseLogFilters(logFiltersToSearchParams(filters))).toEqual(filters);
    expect(logFiltersToSearchParams({ status: "all" }).toString()).toBe("");
  });
});

describe(`listWebhooks on ${testProvider}`, () => {
  it("pages 50 at a time, newest first by (createdAt, id), with no row twice or missed, ties included", async () => {
    const { id } = await endpoint();
    // 120 webhooks, three per minute: every page boundary falls inside a group sharing one createdAt.
    for (let i = 0; i < 120; i++) await webhook(id, { at: minutes(Math.floor(i / 3)) });
    const first = await listWebhooks(DEFAULT_ORG, id, {});
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const all = await everyPage(id);
    expect(all).toHaveLength(120);
    expect(new Set(all.map((w) => w.id)).size).toBe(120);
    const keys = all.map((w) => [w.createdAt, w.id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1));
    expect(keys).toEqual(sorted);
    expect(all[0].createdAt).toBe(minutes(39).toISOString());
  });

  it("returns plain serialisable rows and null as the last page's cursor", async () => {
    const { id } = await endpoint();
    await webhook(id, { at: minutes(0), status: "retrying", lastHttpStatus: 503, objectId: "inv_1" });
    const page = await listWebhooks(DEFAULT_ORG, id);
    expect(page.nextCursor).toBeNull();
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
    expect(page.items[0]).toMatchObject({
      webhookType: "invoice.created",
      status: "retrying",
      lastHttpStatus: 503,
      objectId: "inv_1",
      createdAt: minutes(0).toISOString(),
    });
  });

  it("only ever shows the endpoint's own webhooks", async () => {
    const mine = await endpoint();
    const other = await endpoint("https://example.com/other");
    await webhook(mine.id, { at: minutes(0) });
    const theirs = await webhook(other.id, { at: minutes(1), objectId: "shared" });
    expect((await listWebhooks(DEFAULT_ORG, mine.id)).items).toHaveLength(1);
    expect((await listWebhooks(DEFAULT_ORG, mine.id, { q: theirs.id })).items).toHaveLength(0);
    expect((await listWebhooks(DEFAULT_ORG, mine.id, { q: "shared" })).items).toHaveLength(0);
    await expect(getWebhookDetail(DEFAULT_ORG, mine.id, theirs.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("filters by status, webhook type and date range, and pages through a filter", async () => {
    const { id } = await endpoint();
    const statuses = ["succeeded", "failed", "retrying", "pending"];
    for (let i = 0; i < 80; i++) {
      await webhook(id, {
        at: minutes(i),
        status: statuses[i % 4],
        type: i % 2 ? "invoice.created" : "customer.updated",
      });
    }
    for (const status of ["succeeded", "retrying", "pending"]) {
      const items = await everyPage(id, { status });
      expect(items).toHaveLength(20);
      expect(items.every((w) => w.status === status)).toBe(true);
    }
    // Failed: every webhook whose last attempt failed, retrying ones included (as Svix's failed filter).
    const failed = await everyPage(id, { status: "failed" });
    expect(failed).toHaveLength(40);
    expect(new Set(failed.map((w) => w.status))).toEqual(new Set(["failed", "retrying"]));
    expect(await countWebhooks(DEFAULT_ORG, id, { status: "failed" })).toEqual({ count: 40, more: false });
    const failedInvoices = await everyPage(id, { status: "failed", type: "invoice.created" });
    expect(failedInvoices).toHaveLength(20);
    expect(await everyPage(id, { status: "succeeded", type: "invoice.created" })).toHaveLength(0);

    const range = await everyPage(id, { from: minutes(10).toISOString(), to: minutes(70).toISOString() });
    expect(range).toHaveLength(60);
    expect(range[0].createdAt).toBe(minutes(69).toISOString());
    expect(range[range.length - 1].createdAt).toBe(minutes(10).toISOString());

    const page = await listWebhooks(DEFAULT_ORG, id, { type: "customer.updated" });
    expect(page.items).toHaveLength(40);
    expect(page.nextCursor).toBeNull();
  });

  it("searches by unique key (whole, prefix, or the short form shown), webhook type, or object id", async () => {
    const { id } = await endpoint();
    const target = await webhook(id, {
      at: minutes(0),
      id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      objectId: "inv_42",
      type: "credit_note.created",
    });
    await webhook(id, { at: minutes(1), id: "0190a1b2-c3d5-7000-8000-000000000001" });
    await webhook(id, { at: minutes(2), id: "0290a1b2-0000-7000-8000-000000000002", objectId: "0190a1b2" });
    const ids = async (q: string) => (await listWebhooks(DEFAULT_ORG, id, { q })).items.map((w) => w.id);

    expect(await ids(target.id)).toEqual([target.id]);
    expect(await ids(target.id.toUpperCase())).toEqual([target.id]);
    expect(await ids("0190a1b2-c3d4")).toEqual([target.id]);
    expect(await ids("0190a1b2c3d4")).toEqual([target.id]);
    // A prefix matches keys, and the object id that happens to equal it.
    expect((await ids("0190a1b2")).sort()).toEqual([
      "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      "0190a1b2-c3d5-7000-8000-000000000001",
      "0290a1b2-0000-7000-8000-000000000002",
    ]);
    expect(await ids("0190a1b2…4a5b")).toEqual([target.id]);
    expect(await ids("0190a1b2...0001")).toEqual(["0190a1b2-c3d5-7000-8000-000000000001"]);
    expect(await ids("credit_note.created")).toEqual([target.id]);
    expect(await ids("inv_42")).toEqual([target.id]);
    expect(await ids("nothing-like-this")).toEqual([]);
    expect(await ids("0190a1b3")).toEqual([]);
  });

  it("finds any 6+ characters of a unique key, the start of an object id, any part of a type, and an event id", async () => {
    const { id } = await endpoint();
    const target = await webhook(id, {
      at: minutes(0),
      id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      objectId: "inv_00042",
      type: "credit_note.created",
    });
    const other = await webhook(id, {
      at: minutes(1),
      id: "0190a1b2-c3d5-7000-8000-000000000001",
      objectId: "cus_inv_00042",
      type: "invoice.created",
    });
    const ids = async (q: string) => (await listWebhooks(DEFAULT_ORG, id, { q })).items.map((w) => w.id).sort();

    // The visible end of the key, and a part from its middle across a dash.
    expect(await ids("0c1d2e3f4a5b")).toEqual([target.id]);
    expect(await ids("8a9b-0c1d")).toEqual([target.id]);
    expect(await ids("F4A5B")).toEqual([]); // 5 characters: too short to be a key part, and no object id or type starts so
    expect(await ids("inv_00")).toEqual([target.id]); // the start of an object id, not its middle
    expect(await ids("note")).toEqual([target.id]);
    expect(await ids("created")).toEqual([target.id, other.id].sort());
    expect(await ids("invoice")).toEqual([other.id]);
    expect(await ids(target.eventId)).toEqual([target.id]);
  });

  it("filters by response class: 2xx to 5xx, timeout, network error", async () => {
    const { id } = await endpoint();
    const ok = await webhook(id, { at: minutes(0), lastHttpStatus: 204 });
    const moved = await webhook(id, { at: minutes(1), lastHttpStatus: 301, status: "retrying" });
    const missing = await webhook(id, { at: minutes(2), lastHttpStatus: 404, status: "failed" });
    const broken = await webhook(id, { at: minutes(3), lastHttpStatus: 500, status: "failed" });
    const slow = await webhook(id, {
      at: minutes(4),
      lastHttpStatus: null,
      status: "retrying",
      lastError: "Timed out after 10000 ms",
    });
    const refused = await webhook(id, {
      at: minutes(5),
      lastHttpStatus: null,
      status: "retrying",
      lastError: "Connection refused by example.com",
    });
    await webhook(id, { at: minutes(6), lastHttpStatus: null, status: "pending", attemptCount: 0 });
    const ids = async (response: string) =>
      (await listWebhooks(DEFAULT_ORG, id, parseLogFilters({ response }))).items.map((w) => w.id);

    expect(await ids("2xx")).toEqual([ok.id]);
    expect(await ids("3xx")).toEqual([moved.id]);
    expect(await ids("4xx")).toEqual([missing.id]);
    expect(await ids("5xx")).toEqual([broken.id]);
    expect(await ids("timeout")).toEqual([slow.id]);
    expect(await ids("network")).toEqual([refused.id]);
    expect(readLogFilters({ response: "6xx" }).error).toBe(
      "Response must be one of 2xx, 3xx, 4xx, 5xx, timeout, network.",
    );
    expect(logFiltersToSearchParams(parseLogFilters({ response: "5xx" })).toString()).toBe("response=5xx");
  });

  it("counts what matches exactly up to the cap, then says there are more", async () => {
    const { id } = await endpoint();
    for (let i = 0; i < 3; i += 1) await webhook(id, { at: minutes(i), status: i === 0 ? "failed" : "succeeded" });
    expect(await countWebhooks(DEFAULT_ORG, id, {})).toEqual({ count: 3, more: false });
    expect(await countWebhooks(DEFAULT_ORG, id, { status: "failed" })).toEqual({ count: 1, more: false });
    expect(COUNT_CAP).toBe(10_000);
  });

  it("flags an inverted date range", () => {
    expect(readLogFilters({ from: "2026-03-11", to: "2026-03-10" }).error).toBe(
      "The From date is after the To date: swap them to see events.",
    );
    expect(readLogFilters({ from: "2026-03-10", to: "2026-03-10" }).error).toBeNull();
  });

  it("lists every endpoint's webhooks in All events, finds one wherever it went, and shows an event's deliveries", async () => {
    const a = await endpoint("https://a.example.com/hooks");
    const b = await endpoint("https://b.example.com/hooks");
    const first = await webhook(a.id, { at: minutes(0), objectId: "inv_all_1" });
    const second = await webhook(b.id, {
      at: minutes(1),
      objectId: "cus_all_2",
      type: "customer.created",
      lastHttpStatus: 500,
      status: "failed",
    });
    // The same event fanned out to the other endpoint too.
    const fanned = await db.webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: second.eventId,
        endpointId: a.id,
        webhookType: "customer.created",
        objectType: "customer",
        objectId: "cus_all_2",
        status: "succeeded",
        lastHttpStatus: 200,
        attemptCount: 1,
        createdAt: minutes(1),
      },
    });
    const ids = async (filters: Parameters<typeof listAllWebhooks>[1], on?: string) =>
      (await listAllWebhooks(DEFAULT_ORG, filters, on)).items.map((w) => w.id).sort();

    const all = await listAllWebhooks(DEFAULT_ORG, {});
    expect(all.items.map((w) => w.endpointUrl).sort()).toEqual([
      "https://a.example.com/hooks",
      "https://a.example.com/hooks",
      "https://b.example.com/hooks",
    ]);
    expect(all.total).toEqual({ count: 3, more: false });
    expect(await ids({}, b.id)).toEqual([second.id]);
    expect(await ids({ q: "inv_all" })).toEqual([first.id]);
    expect(await ids({ q: second.eventId })).toEqual([second.id, fanned.id].sort());
    expect(await ids({ q: second.id.slice(-12) })).toEqual([second.id]);
    expect(await ids({ response: "5xx" })).toEqual([second.id]);
    expect(await ids({ q: "customer" })).toEqual([second.id, fanned.id].sort());

    const deliveries = await eventDeliveries(DEFAULT_ORG, second.eventId);
    expect(deliveries.map((d) => [d.endpointUrl, d.status, d.lastHttpStatus]).sort()).toEqual([
      ["https://a.example.com/hooks", "succeeded", 200],
      ["https://b.example.com/hooks", "failed", 500],
    ]);
  });

  it("refuses a cursor it did not make", async () => {
    const { id } = await endpoint();
    await expect(listWebhooks(DEFAULT_ORG, id, {}, "not-a-cursor")).rejects.toBeInstanceOf(AppError);
    // Forged: a date PostgreSQL cannot hold, or a NUL in the id, is refused before the query.
    for (const forged of [
      "-271821-04-20T00:00:00.000Z|abc",
      "0000-01-01T00:00:00.000Z|abc",
      "2026-03-10T12:00:00.000Z|a\u0000b",
    ]) {
      await expect(
        listWebhooks(DEFAULT_ORG, id, {}, Buffer.from(forged, "utf8").toString("base64url")),
        forged,
      ).rejects.toBeInstanceOf(AppError);
    }
    const cursor = encodeCursor({ createdAt: minutes(0), id: "abc" });
    expect(decodeCursor(cursor)).toEqual({ createdAt: minutes(0), id: "abc" });
  });

  it("searches the types present in the log, once each, at most the limit, and says when there are more", async () => {
    const { id } = await endpoint();
    const other = await endpoint("https://example.com/other");
    expect(await searchWebhookTypes(DEFAULT_ORG, id)).toEqual({ types: [], more: false });
    for (const [i, type] of [
      "invoice.created",
      "customer.updated",
      "invoice.created",
      "alert.triggered",
      "invoice_x.created",
    ].entries()) {
      await webhook(id, { at: minutes(i), type });
    }
    await webhook(other.id, { at: minutes(9), type: "plan.created" });
    expect(await searchWebhookTypes(DEFAULT_ORG, id)).toEqual({
      types: ["alert.triggered", "customer.updated", "invoice.created", "invoice_x.created"],
      more: false,
    });
    expect(await searchWebhookTypes(DEFAULT_ORG, id, "created")).toEqual({
      types: ["invoice.created", "invoice_x.created"],
      more: false,
    });
    // "_" and "%" are searched for as themselves, not as LIKE's wildcards.
    expect(await searchWebhookTypes(DEFAULT_ORG, id, "e_x")).toEqual({ types: ["invoice_x.created"], more: false });
    expect(await searchWebhookTypes(DEFAULT_ORG, id, "%")).toEqual({ types: [], more: false });
    expect(await searchWebhookTypes(DEFAULT_ORG, id, "", 2)).toEqual({
      types: ["alert.triggered", "customer.updated"],
      more: true,
    });
  });

  it("answers from thousands of types with a short list", async () => {
    const { id } = await endpoint();
    const event = await db.event.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        webhookType: "a.b",
        objectType: "a",
        body: "{}",
        createdAt: minutes(0),
      },
    });
    const data = Array.from({ length: 3000 }, (_, i) => ({
      organizationId: DEFAULT_ORGANIZATION_ID,
      eventId: event.id,
      endpointId: id,
      webhookType: `type_${String(i).padStart(4, "0")}.created`,
      objectType: "a",
      status: "succeeded",
      createdAt: minutes(i % 60),
    }));
    await db.webhook.createMany({ data });
    const all = await searchWebhookTypes(DEFAULT_ORG, id);
    expect(all).toEqual({ types: data.slice(0, 20).map((w) => w.webhookType), more: true });
    expect(await searchWebhookTypes(DEFAULT_ORG, id, "type_2999")).toEqual({
      types: ["type_2999.created"],
      more: false,
    });
  });
});

describe(`getAttemptDetail on ${testProvider}`, () => {
  it("gives one attempt's request and answer in full, only under its own endpoint and webhook", async () => {
    const ep = await endpoint("https://example.com/a");
    const other = await endpoint("https://example.com/b");
    const created = await webhook(ep.id, { at: minutes(0), status: "failed", lastHttpStatus: 500 });
    const sent: [string, string][] = [
      ["Content-Type", "application/json"],
      ["X-Lago-Signature", "c2ln"],
      ["X-Lago-Signature", "repeated"],
    ];
    const attempt = await db.attempt.create({
      data: {
        webhookId: created.id,
        startedAt: minutes(1),
        durationMs: 5,
        statusCode: 500,
        responseBody: "x".repeat(2000),
        succeeded: false,
        requestUrl: "https://example.com/a",
        requestHeaders: sent,
        responseHeaders: [["X-Request-Id", "r1"]],
        responseHeadersTruncated: true,
      },
    });
    expect(await getAttemptDetail(DEFAULT_ORG, ep.id, created.id, attempt.id)).toEqual({
      id: attempt.id,
      webhookId: created.id,
      requestUrl: "https://example.com/a",
      requestHeaders: sent,
      responseHeaders: [["X-Request-Id", "r1"]],
      responseHeadersTruncated: true,
      responseBody: "x".repeat(2000),
      responseTruncated: false,
    });
    await expect(getAttemptDetail(DEFAULT_ORG, other.id, created.id, attempt.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getAttemptDetail(DEFAULT_ORG, ep.id, "nope", attempt.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAttemptDetail(DEFAULT_ORG, ep.id, created.id, "bad\u0000id")).rejects.toBeInstanceOf(AppError);
    // Attempts recorded before requests were kept: nulls, not a crash; a malformed list is null too.
    const old = await db.attempt.create({
      data: {
        webhookId: created.id,
        startedAt: minutes(2),
        durationMs: 5,
        succeeded: false,
        responseHeaders: { a: 1 },
      },
    });
    expect(await getAttemptDetail(DEFAULT_ORG, ep.id, created.id, old.id)).toMatchObject({
      requestUrl: null,
      requestHeaders: null,
      responseHeaders: null,
    });
  });
});

describe(`getWebhookDetail on ${testProvider}`, () => {
  it("shows a failed webhook: properties, exact payload, error body and attempts newest first", async () => {
    const ep = await endpoint("https://example.com/fails");
    const created = await webhook(ep.id, {
      at: minutes(0),
      status: "failed",
      retries: 2,
      lastHttpStatus: 500,
      objectId: "inv_9",
    });
    await db.webhook.update({ where: { id: created.id }, data: { lastResponse: '{"error":"boom"}', attemptCount: 3 } });
    for (let i = 0; i < 3; i++) {
      await db.attempt.create({
        data: {
          webhookId: created.id,
          startedAt: minutes(i * 5),
          durationMs: 120 + i,
          statusCode: i === 0 ? null : 500,
          error: i === 0 ? "connect ECONNREFUSED 127.0.0.1:9" : null,
          responseBody: i === 0 ? null : i === 2 ? "x".repeat(1000) : '{"error":"boom"}',
          responseTruncated: i === 2,
          succeeded: false,
        },
      });
    }
    const detail = await getWebhookDetail(DEFAULT_ORG, ep.id, created.id);
    expect(detail).toMatchObject({
      id: created.id,
      endpointUrl: "https://example.com/fails",
      endpointEnabled: true,
      webhookType: "invoice.created",
      status: "failed",
      responseCode: 500,
      reasonPhrase: "Internal Server Error",
      retries: 2,
      createdAt: minutes(0).toISOString(),
      errorResponse: { kind: "body", body: '{"error":"boom"}', truncated: true },
    });
    const event = await db.event.findUniqueOrThrow({ where: { id: created.eventId } });
    expect(detail.payload).toBe(event.body);
    expect(detail.attempts.map((a) => a.durationMs)).toEqual([122, 121, 120]);
    expect(detail.attempts[2]).toMatchObject({
      statusCode: null,
      error: "connect ECONNREFUSED 127.0.0.1:9",
      reasonPhrase: null,
    });
    expect(detail.attempts[0].responseExcerpt?.length).toBe(301);
    expect(detail.attempts[0].responseTruncated).toBe(true);
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
  });

  it("shows the connection error when there was no response, the next attempt when retrying, and no error once it succeeded", async () => {
    const ep = await endpoint();
    const retrying = await webhook(ep.id, { at: minutes(0), status: "retrying", lastHttpStatus: null });
    await db.webhook.update({
      where: { id: retrying.id },
      data: { lastError: "Timed out after 30 s", nextAttemptAt: minutes(5) },
    });
    const detail = await getWebhookDetail(DEFAULT_ORG, ep.id, retrying.id);
    expect(detail.errorResponse).toEqual({ kind: "error", message: "Timed out after 30 s" });
    expect(detail.nextAttemptAt).toBe(minutes(5).toISOString());
    expect(detail.responseCode).toBeNull();

    const ok = await webhook(ep.id, { at: minutes(1), status: "succeeded" });
    await db.webhook.update({ where: { id: ok.id }, data: { lastResponse: "ok" } });
    expect((await getWebhookDetail(DEFAULT_ORG, ep.id, ok.id)).errorResponse).toBeNull();
    await expect(getWebhookDetail(DEFAULT_ORG, ep.id, "0190a1b2-0000-7000-8000-000000000000")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("uuidPrefix", () => {
  it("puts the dashes back where a UUID has them and refuses what is not hex", () => {
    expect(uuidPrefix("0190A1B2C3D4")).toBe("0190a1b2-c3d4");
    expect(uuidPrefix("0190a1b2-")).toBe("0190a1b2");
    expect(uuidPrefix("abc")).toBeNull();
    expect(uuidPrefix("invoice.created")).toBeNull();
  });
});
