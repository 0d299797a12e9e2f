import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiRequest, newKey, read } from "@/lib/api/test-helpers";
import { revokeApiKey } from "@/lib/api/api-keys";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver } from "@/lib/test/receivers";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";
import type { EmitResult } from "@/lib/webhooks/emit";
import { POST } from "./route";
import { DEFAULT_ORG } from "@/lib/test/organizations";

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

const event = {
  webhook_type: "invoice.created",
  object_type: "invoice",
  object: { lago_id: "inv_1", total_amount_cents: 100 },
};
const emit = (options: Parameters<typeof apiRequest>[2] = {}) =>
  POST(apiRequest("POST", "/api/v1/events", { key, body: { event }, ...options }), undefined);

async function nothingWritten() {
  expect(await db.event.count()).toBe(0);
  expect(await db.webhook.count()).toBe(0);
}

describe(`POST /api/v1/events on ${testProvider}`, () => {
  it("answers 202 with the event and one pending webhook per matching enabled endpoint", async () => {
    const all = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "jwt" });
    const invoices = await createEndpoint(DEFAULT_ORG, {
      url: "https://b.example/hook",
      signatureAlgo: "hmac",
      eventTypes: ["invoice.created"],
    });
    await createEndpoint(DEFAULT_ORG, {
      url: "https://c.example/hook",
      signatureAlgo: "hmac",
      eventTypes: ["customer.created"],
    });

    const { status, body } = await read<EmitResult>(await emit());
    expect(status).toBe(202);
    expect(body.event).toMatchObject({ webhook_type: "invoice.created", object_type: "invoice" });
    expect(body.event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.webhooks.map((w) => w.endpoint_id).sort()).toEqual([all.id, invoices.id].sort());
    expect(body.webhooks.every((w) => w.status === "pending")).toBe(true);

    const stored = await db.event.findUniqueOrThrow({ where: { id: body.event.id } });
    expect(JSON.parse(stored.body)).toEqual({
      webhook_type: "invoice.created",
      object_type: "invoice",
      organization_id: DEFAULT_ORG.organizationId,
      invoice: event.object,
    });
    expect(await db.webhook.count()).toBe(2);
  });

  it.each([
    ["no key", null],
    ["a wrong key", "hl_not-a-key"],
  ])("answers 401 to %s and writes nothing", async (_, wrong) => {
    const { status, body } = await read(await emit({ key: wrong }));
    expect(status).toBe(401);
    expect(body).toMatchObject({ status: 401, error: "Unauthorized" });
    await nothingWritten();
  });

  it("answers 401 to a revoked key", async () => {
    const revoked = await newKey("old");
    const [row] = await db.apiKey.findMany({ where: { name: "old" } });
    await revokeApiKey(DEFAULT_ORG, row.id);
    expect((await emit({ key: revoked })).status).toBe(401);
    await nothingWritten();
  });

  it("refuses unknown fields, at the top and inside the event, with 422 error_details", async () => {
    const top = await read(await emit({ body: { event, extra: 1 } }));
    expect(top.status).toBe(422);
    expect(top.body).toMatchObject({ status: 422, error: "Unprocessable Entity", code: "validation_errors" });
    expect(top.body.error_details).toEqual({ extra: ["is not a known field"] });

    const inner = await read(await emit({ body: { event: { ...event, organization_id: "x" } } }));
    expect(inner.body.error_details).toEqual({ organization_id: ["is not a known field"] });
    await nothingWritten();
  });

  it.each(["invoice", "Invoice.Created", "invoice.", "invoice created", ""])(
    "refuses the type %j (not noun.verb) with 422",
    async (type) => {
      const { status, body } = await read(await emit({ body: { event: { ...event, webhook_type: type } } }));
      expect(status).toBe(422);
      expect(body.error_details?.webhook_type?.[0]).toMatch(/noun\.verb/);
      await nothingWritten();
    },
  );

  it("refuses a missing event, a bad object type and an object that is not an object", async () => {
    expect((await read(await emit({ body: {} }))).body.error_details).toHaveProperty("event");
    const bad = await read(await emit({ body: { event: { ...event, object_type: "Invoice!", object: [1] } } }));
    expect(Object.keys(bad.body.error_details ?? {}).sort()).toEqual(["object", "object_type"]);
    await nothingWritten();
  });

  it.each(["{", "not json", "", '{"event": '])("answers 400 to malformed JSON %j", async (raw) => {
    const { status, body } = await read(await emit({ raw }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: 400, error: "Bad Request", code: "invalid_json" });
    await nothingWritten();
  });

  it("answers 413 over 256 KB by default, and over HOOKLINE_MAX_BODY_BYTES when set", async () => {
    const big = { event: { ...event, object: { padding: "x".repeat(262_144) } } };
    const { status, body } = await read(await emit({ body: big }));
    expect(status).toBe(413);
    expect(body).toMatchObject({ status: 413, code: "request_too_large" });

    process.env.HOOKLINE_MAX_BODY_BYTES = "100";
    expect((await emit({ body: { event: { ...event, object: { padding: "x".repeat(100) } } } })).status).toBe(413);
    expect((await emit()).status).toBe(413);
    await nothingWritten();
  });

  it("replays the first answer for a repeated Idempotency-Key and writes nothing more", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "jwt" });
    const headers = { "Idempotency-Key": "order-42" };
    const first = await read<EmitResult>(await emit({ headers }));
    const again = await read<EmitResult>(
      await emit({ headers, body: { event: { ...event, object: { changed: true } } } }),
    );
    expect(first.status).toBe(202);
    expect(again).toEqual(first);
    expect(await db.event.count()).toBe(1);
    expect(await db.webhook.count()).toBe(1);

    // Concurrent repeats agree on one event too.
    const racing = await Promise.all(
      [1, 2, 3].map(() => emit({ headers: { "Idempotency-Key": "order-43" } }).then(read<EmitResult>)),
    );
    expect(new Set(racing.map((r) => r.body.event.id)).size).toBe(1);
    expect(await db.event.count()).toBe(2);

    // Without the header, each request is a new event.
    await emit();
    expect(await db.event.count()).toBe(3);
  });

  it("refuses an Idempotency-Key over 255 characters", async () => {
    const { status, body } = await read(await emit({ headers: { "Idempotency-Key": "k".repeat(256) } }));
    expect(status).toBe(422);
    expect(body.error_details).toHaveProperty("idempotency_key");
    await nothingWritten();
  });

  it.each(["webhook_type", "object_type", "organization_id"])(
    "refuses the object type %j, a key of the envelope it would overwrite",
    async (objectType) => {
      await createEndpoint(DEFAULT_ORG, { url: "https://example.com/all", signatureAlgo: "hmac" });
      const { status, body } = await read(await emit({ body: { event: { ...event, object_type: objectType } } }));
      expect(status).toBe(422);
      expect(body.error_details?.object_type?.[0]).toBe(
        'An object type cannot be "webhook_type", "object_type", "organization_id": the object would overwrite that key of the webhook.',
      );
      await nothingWritten();
    },
  );

  it("refuses an object type over 100 characters with a 422 naming it, writing nothing, and accepts 100", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://example.com/all", signatureAlgo: "hmac" });
    const { status, body } = await read(await emit({ body: { event: { ...event, object_type: "a".repeat(101) } } }));
    expect(status).toBe(422);
    expect(body.error_details).toEqual({ object_type: ["An object type is at most 100 characters."] });
    await nothingWritten();
    const longest = "a".repeat(100);
    expect((await emit({ body: { event: { ...event, object_type: longest } } })).status).toBe(202);
    expect(await db.webhook.findFirstOrThrow({ select: { objectType: true } })).toEqual({ objectType: longest });
  });

  it("delivers an object with a key named __proto__ exactly as it was sent", async () => {
    const receiver = await startReceiver();
    try {
      await createEndpoint(DEFAULT_ORG, { url: `${receiver.url}/hooks`, signatureAlgo: "hmac" });
      const object = '{"lago_id":"inv_1","__proto__":{"polluted":true},"nested":{"__proto__":[1]},"constructor":"c"}';
      const raw = `{"event":{"webhook_type":"invoice.created","object_type":"invoice","object":${object}}}`;
      const { status, body } = await read<EmitResult>(await emit({ raw }));
      expect(status).toBe(202);
      const sent = `{"webhook_type":"invoice.created","object_type":"invoice","organization_id":"${DEFAULT_ORG.organizationId}","invoice":${object}}`;
      expect((await db.event.findUniqueOrThrow({ where: { id: body.event.id } })).body).toBe(sent);
      await runDeliveryPass({ budgetMs: 5_000 });
      const [delivered] = await receiver.waitFor(1);
      expect(delivered.body).toBe(sent);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it("refuses an object id over 255 characters (it is indexed: 3,000 lost the event on PostgreSQL) and accepts 255", async () => {
    for (const [object, field] of [
      [{ lago_id: "i".repeat(3000) }, "object.lago_id"],
      [{ lago_id: "€".repeat(256) }, "object.lago_id"],
      [{ id: "i".repeat(256), lago_id: null }, "object.id"],
    ] as const) {
      const { status, body } = await read(await emit({ body: { event: { ...event, object } } }));
      expect(status).toBe(422);
      expect(body.error_details?.[field]).toEqual([
        "An object id is at most 255 characters (it is the key the log is searched by).",
      ]);
    }
    await nothingWritten();
    await createEndpoint(DEFAULT_ORG, { url: "https://example.com/all", signatureAlgo: "hmac" });
    const longest = "i".repeat(255);
    const accepted = await read<EmitResult>(
      await emit({ body: { event: { ...event, object: { lago_id: longest } } } }),
    );
    expect(accepted.status).toBe(202);
    expect(await db.webhook.findFirstOrThrow({ select: { objectId: true } })).toEqual({ objectId: longest });
  });
});
