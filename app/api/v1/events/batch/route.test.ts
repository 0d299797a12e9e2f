import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiRequest, newKey, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver } from "@/lib/test/receivers";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";
import type { EmitResult } from "@/lib/webhooks/emit";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { DEFAULT_ORG, newOrganization } from "@/lib/test/organizations";
import { INSTALLATION } from "@/lib/api/api-keys";
import { POST as emitOne } from "../route";
import { POST } from "./route";

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
  delete process.env.HOOKLINE_MAX_BODY_BYTES;
});

type BatchAnswer = { results: EmitResult[] };

const invoice = (n: number, extra: Record<string, unknown> = {}) => ({
  webhook_type: "invoice.created",
  object_type: "invoice",
  object: { lago_id: `inv_${n}`, total_amount_cents: n },
  ...extra,
});
const batch = (body: unknown, options: Parameters<typeof apiRequest>[2] = {}) =>
  POST(apiRequest("POST", "/api/v1/events/batch", { key, body, ...options }), undefined);

async function counts() {
  return { events: await db.event.count(), webhooks: await db.webhook.count() };
}

describe(`POST /api/v1/events/batch on ${testProvider}`, () => {
  it("answers 202 with one result per event, in order, and writes each with its matching webhooks", async () => {
    const all = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const customers = await createEndpoint(DEFAULT_ORG, {
      url: "https://b.example/hook",
      signatureAlgo: "hmac",
      eventTypes: ["customer.created"],
    });
    await createEndpoint(DEFAULT_ORG, {
      url: "https://c.example/hook",
      signatureAlgo: "hmac",
      eventTypes: ["plan.created"],
    });
    const events = [
      invoice(1),
      { webhook_type: "customer.created", object_type: "customer", object: { lago_id: "cus_1" } },
      invoice(2),
    ];

    const { status, body } = await read<BatchAnswer>(await batch({ events }));
    expect(status).toBe(202);
    expect(body.results.map((r) => r.event.webhook_type)).toEqual([
      "invoice.created",
      "customer.created",
      "invoice.created",
    ]);
    expect(body.results[0].webhooks.map((w) => w.endpoint_id)).toEqual([all.id]);
    expect(body.results[1].webhooks.map((w) => w.endpoint_id)).toEqual([all.id, customers.id].sort());
    expect(body.results.flatMap((r) => r.webhooks).every((w) => w.status === "pending")).toBe(true);
    expect(await counts()).toEqual({ events: 3, webhooks: 4 });

    // What is stored is what was sent, each under its own id, and every webhook answered is in the table.
    for (const [i, result] of body.results.entries()) {
      const stored = await db.event.findUniqueOrThrow({ where: { id: result.event.id } });
      expect(stored.body).toBe(
        JSON.stringify({
          webhook_type: events[i].webhook_type,
          object_type: events[i].object_type,
          organization_id: DEFAULT_ORG.organizationId,
          [events[i].object_type]: events[i].object,
        }),
      );
      expect(stored.objectId).toBe(events[i].object.lago_id);
      const webhooks = await db.webhook.findMany({
        where: { eventId: result.event.id },
        orderBy: { endpointId: "asc" },
      });
      expect(webhooks.map((w) => ({ id: w.id, endpoint_id: w.endpointId, status: w.status }))).toEqual(result.webhooks);
    }
    expect(new Set(body.results.map((r) => r.event.id)).size).toBe(3);
  });

  it("delivers a batch's webhooks with the bodies as sent", async () => {
    const receiver = await startReceiver();
    try {
      await createEndpoint(DEFAULT_ORG, { url: `${receiver.url}/hooks`, signatureAlgo: "hmac" });
      const { status } = await batch({ events: [invoice(1), invoice(2)] });
      expect(status).toBe(202);
      await runDeliveryPass({ budgetMs: 5_000 });
      const delivered = await receiver.waitFor(2);
      expect(delivered.map((r) => JSON.parse(r.body).invoice.lago_id).sort()).toEqual(["inv_1", "inv_2"]);
    } finally {
      await receiver.close();
    }
  });

  it("refuses the whole batch with 422 naming the index and field of every problem, and writes nothing", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const { status, body } = await read(
      await batch({
        events: [
          invoice(1),
          invoice(2, { webhook_type: "Not a type" }),
          invoice(3, { object: [1], extra: true }),
          invoice(4, { idempotency_key: "k".repeat(256) }),
          invoice(5, { object: { lago_id: "i".repeat(256) } }),
        ],
      }),
    );
    expect(status).toBe(422);
    expect(body).toMatchObject({ status: 422, error: "Unprocessable Entity", code: "validation_errors" });
    expect(Object.keys(body.error_details!).sort()).toEqual([
      "events.1.webhook_type",
      "events.2.extra",
      "events.2.object",
      "events.3.idempotency_key",
      "events.4.object.lago_id",
    ]);
    expect(body.error_details!["events.2.extra"]).toEqual(["is not a known field"]);
    expect(await counts()).toEqual({ events: 0, webhooks: 0 });
  });

  it("refuses an object nested too deeply for JSON by its index, writing nothing", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const raw = `{"events":[${JSON.stringify(invoice(1))},{"webhook_type":"invoice.created","object_type":"invoice","object":${deep}}]}`;
    const { status, body } = await read(await batch(undefined, { raw }));
    expect(status).toBe(422);
    expect(body.error_details).toEqual({ "events.1.object": ["The object is nested too deeply."] });
    expect(await counts()).toEqual({ events: 0, webhooks: 0 });
  });

  it("refuses an empty batch, a missing list, unknown top-level fields and more than 1,000 events", async () => {
    const empty = await read(await batch({ events: [] }));
    expect(empty.status).toBe(422);
    expect(empty.body.error_details).toEqual({ events: ["Send at least one event."] });
    expect((await read(await batch({}))).body.error_details).toHaveProperty("events");
    expect((await read(await batch({ events: [invoice(1)], event: {} }))).body.error_details).toEqual({
      event: ["is not a known field"],
    });
    const tiny = { webhook_type: "a.b", object_type: "a", object: {} };
    const tooMany = await read(await batch({ events: Array.from({ length: 1001 }, () => tiny) }));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error_details).toEqual({ events: ["A batch holds at most 1,000 events."] });
    expect(await counts()).toEqual({ events: 0, webhooks: 0 });
  });

  it("accepts 1,000 events in one request", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const events = Array.from({ length: 1000 }, (_, i) => invoice(i));
    const { status, body } = await read<BatchAnswer>(await batch({ events }));
    expect(status).toBe(202);
    expect(body.results.map((r) => r.event.id)).toHaveLength(1000);
    expect(await counts()).toEqual({ events: 1000, webhooks: 1000 });
  });

  it("answers 413 over the body limit and writes nothing", async () => {
    process.env.HOOKLINE_MAX_BODY_BYTES = "1000";
    const { status, body } = await read(await batch({ events: Array.from({ length: 20 }, (_, i) => invoice(i)) }));
    expect(status).toBe(413);
    expect(body.code).toBe("request_too_large");
    expect(await counts()).toEqual({ events: 0, webhooks: 0 });
  });

  it("answers 401 without a valid key and writes nothing", async () => {
    expect((await batch({ events: [invoice(1)] }, { key: null })).status).toBe(401);
    expect((await batch({ events: [invoice(1)] }, { key: "hl_wrong" })).status).toBe(401);
    expect(await counts()).toEqual({ events: 0, webhooks: 0 });
  });

  it("answers a repeated idempotency key with that event's first result: in an earlier request, and twice in one batch", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const first = await read<BatchAnswer>(
      await batch({ events: [invoice(1, { idempotency_key: "a" }), invoice(2), invoice(3, { idempotency_key: "a" })] }),
    );
    expect(first.status).toBe(202);
    // The second "a" of the batch is the first one's event: written once.
    expect(first.body.results[2]).toEqual(first.body.results[0]);
    expect(await counts()).toEqual({ events: 2, webhooks: 2 });

    const again = await read<BatchAnswer>(
      await batch({ events: [invoice(9, { idempotency_key: "b" }), invoice(8, { idempotency_key: "a" })] }),
    );
    expect(again.status).toBe(202);
    expect(again.body.results[1]).toEqual(first.body.results[0]);
    expect(await counts()).toEqual({ events: 3, webhooks: 3 });

    // The keys are those of POST /api/v1/events too, both ways.
    const single = await read<EmitResult>(
      await emitOne(
        apiRequest("POST", "/api/v1/events", { key, body: { event: invoice(7) }, headers: { "Idempotency-Key": "b" } }),
        undefined,
      ),
    );
    expect(single.body).toEqual(again.body.results[0]);
    await emitOne(
      apiRequest("POST", "/api/v1/events", { key, body: { event: invoice(6) }, headers: { "Idempotency-Key": "c" } }),
      undefined,
    );
    const fromSingle = await read<BatchAnswer>(await batch({ events: [invoice(5, { idempotency_key: "c" })] }));
    const stored = await db.event.findFirstOrThrow({ where: { idempotencyKey: "c" } });
    expect(fromSingle.body.results[0].event.id).toBe(stored.id);
    expect(await counts()).toEqual({ events: 4, webhooks: 4 });
  });

  it("writes in the caller's organization only: its key's, or the one an installation key names", async () => {
    const other = await newOrganization(db, "Other");
    const ours = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const theirs = await createEndpoint(other, { url: "https://b.example/hook", signatureAlgo: "hmac" });
    const mine = await read<BatchAnswer>(await batch({ events: [invoice(1, { idempotency_key: "k" })] }));
    expect(mine.body.results[0].webhooks.map((w) => w.endpoint_id)).toEqual([ours.id]);

    const installation = await newKey("platform", INSTALLATION);
    const named = (headers: Record<string, string>) =>
      batch({ events: [invoice(2, { idempotency_key: "k" })] }, { key: installation, headers }).then(read<BatchAnswer>);
    // The same key in another organization is another event.
    const there = await named({ "Hookline-Organization": other.organizationId });
    expect(there.status).toBe(202);
    expect(there.body.results[0].webhooks.map((w) => w.endpoint_id)).toEqual([theirs.id]);
    expect(there.body.results[0].event.id).not.toBe(mine.body.results[0].event.id);
    expect((await named({})).status).toBe(422);
    expect(await db.event.count({ where: { organizationId: other.organizationId } })).toBe(1);
    // An organization's key naming another organization: as if it did not exist.
    const foreign = await batch(
      { events: [invoice(3)] },
      { headers: { "Hookline-Organization": other.organizationId } },
    );
    expect(foreign.status).toBe(404);
    expect(await counts()).toEqual({ events: 2, webhooks: 2 });
  });

  it("writes each key once when batches sharing keys race", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const events = [invoice(1, { idempotency_key: "x" }), invoice(2, { idempotency_key: "y" })];
    const answers = await Promise.all([1, 2, 3].map(() => batch({ events }).then(read<BatchAnswer>)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body).toEqual(answers[0].body);
    expect(await counts()).toEqual({ events: 2, webhooks: 2 });
  });
});
