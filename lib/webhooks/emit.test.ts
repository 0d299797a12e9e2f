import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { emitEvent } from "./emit";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

let n = 0;
function endpoint(data: { eventTypes?: string[] | null; enabled?: boolean } = {}) {
  return db.webhookEndpoint.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      url: `https://receiver-${++n}.example.com/hook`,
      signatureAlgo: "hmac",
      secret: "s",
      enabled: data.enabled ?? true,
      ...(data.eventTypes ? { eventTypes: data.eventTypes } : {}),
    },
  });
}
async function failWebhookInserts(on: boolean) {
  const statements =
    testProvider === "postgresql"
      ? on
        ? [
            `CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`,
            `CREATE TRIGGER test_disk_full BEFORE INSERT ON "webhooks" FOR EACH ROW EXECUTE FUNCTION test_disk_full()`,
          ]
        : [`DROP TRIGGER test_disk_full ON "webhooks"`, `DROP FUNCTION test_disk_full()`]
      : on
        ? [`CREATE TRIGGER test_disk_full BEFORE INSERT ON "webhooks" BEGIN SELECT RAISE(ABORT, 'disk full'); END`]
        : [`DROP TRIGGER test_disk_full`];
  for (const statement of statements) await db.$executeRawUnsafe(statement);
}
const invoice = { lago_id: "inv_123", number: "ACM-1", total_amount_cents: 26400, customer: { external_id: "cus_1" } };

describe(`emitEvent on ${testProvider}`, () => {
  it("writes the event with its exact body and one pending webhook per matching enabled endpoint", async () => {
    const all = await endpoint();
    const invoicesOnly = await endpoint({ eventTypes: ["invoice.created", "invoice.voided"] });
    const customersOnly = await endpoint({ eventTypes: ["customer.created"] });
    await endpoint({ enabled: false });

    const before = Date.now();
    const result = await emitEvent(DEFAULT_ORG, {
      webhookType: "invoice.created",
      objectType: "invoice",
      object: invoice,
    });

    expect(result.event).toMatchObject({ webhook_type: "invoice.created", object_type: "invoice" });
    expect(new Date(result.event.created_at).getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(result.webhooks.map((w) => w.endpoint_id).sort()).toEqual([all.id, invoicesOnly.id].sort());
    expect(result.webhooks.every((w) => w.status === "pending")).toBe(true);
    expect(result.webhooks.map((w) => w.endpoint_id)).not.toContain(customersOnly.id);

    const event = await db.event.findUniqueOrThrow({ where: { id: result.event.id } });
    expect(event.body).toBe(
      `{"webhook_type":"invoice.created","object_type":"invoice","organization_id":"${DEFAULT_ORG.organizationId}","invoice":${JSON.stringify(invoice)}}`,
    );
    expect(event.objectId).toBe("inv_123");
    expect(event.response).toBeNull();
    const webhooks = await db.webhook.findMany({ where: { eventId: event.id } });
    expect(webhooks).toHaveLength(2);
    for (const webhook of webhooks) {
      expect(webhook).toMatchObject({
        status: "pending",
        attemptCount: 0,
        retries: 0,
        webhookType: "invoice.created",
        objectType: "invoice",
        objectId: "inv_123",
      });
      expect(webhook.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it("writes an event even when no endpoint wants it, and uses object.id when there is no lago_id", async () => {
    await endpoint({ eventTypes: ["customer.created"] });
    const result = await emitEvent(DEFAULT_ORG, {
      webhookType: "shipment.dispatched",
      objectType: "shipment",
      object: { id: 42 },
    });
    expect(result.webhooks).toEqual([]);
    expect((await db.event.findUniqueOrThrow({ where: { id: result.event.id } })).objectId).toBe("42");
  });

  it("replays the first answer for a repeated Idempotency-Key and writes nothing more", async () => {
    await endpoint();
    const input = { webhookType: "invoice.created", objectType: "invoice", object: invoice, idempotencyKey: "key-1" };
    const first = await emitEvent(DEFAULT_ORG, input);
    const again = await emitEvent(DEFAULT_ORG, { ...input, object: { lago_id: "something else" } });
    expect(again).toEqual(first);
    expect(await db.event.count()).toBe(1);
    expect(await db.webhook.count()).toBe(1);
    expect(JSON.parse((await db.event.findFirstOrThrow()).response!)).toEqual(first);
  });

  it("creates one event when requests with one key race", async () => {
    await endpoint();
    await endpoint();
    const input = { webhookType: "invoice.created", objectType: "invoice", object: invoice, idempotencyKey: "race" };
    const answers = await Promise.all(Array.from({ length: 6 }, () => emitEvent(DEFAULT_ORG, input)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await db.event.count()).toBe(1);
    expect(await db.webhook.count()).toBe(2);
  });

  it("writes the event and its webhooks together or not at all", async () => {
    await endpoint();
    // The webhook insert fails after the event row was written (a trigger stands in for a full disk).
    await failWebhookInserts(true);
    try {
      await expect(
        emitEvent(DEFAULT_ORG, { webhookType: "invoice.created", objectType: "invoice", object: invoice }),
      ).rejects.toThrow("disk full");
    } finally {
      await failWebhookInserts(false);
    }
    expect(await db.event.count()).toBe(0);
    expect(await db.webhook.count()).toBe(0);
  });

  it("refuses invalid input and writes nothing", async () => {
    await endpoint();
    const bad = [
      { webhookType: "invoice", objectType: "invoice", object: {} },
      { webhookType: "invoice.created", objectType: "Invoice!", object: {} },
      { webhookType: "invoice.created", objectType: "invoice", object: [] },
      { webhookType: "invoice.created", objectType: "invoice", object: {}, extra: true },
      { webhookType: "invoice.created", objectType: "invoice", object: {}, idempotencyKey: "k".repeat(256) },
    ];
    for (const input of bad) {
      await expect(emitEvent(DEFAULT_ORG, input as never), JSON.stringify(input)).rejects.toBeInstanceOf(AppError);
    }
    expect(await db.event.count()).toBe(0);
  });

  it("sends a test event to one endpoint only, whatever its filter", async () => {
    await endpoint();
    const target = await endpoint({ eventTypes: ["customer.created"] });
    const result = await emitEvent(
      DEFAULT_ORG,
      { webhookType: "invoice.created", objectType: "invoice", object: invoice },
      { onlyEndpointId: target.id },
    );
    expect(result.webhooks).toEqual([{ id: expect.any(String), endpoint_id: target.id, status: "pending" }]);
  });

  it("refuses a test event to a missing or disabled endpoint, writing no event", async () => {
    const disabled = await endpoint({ enabled: false });
    const input = { webhookType: "invoice.created", objectType: "invoice", object: invoice };
    await expect(emitEvent(DEFAULT_ORG, input, { onlyEndpointId: "no-such-id" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(emitEvent(DEFAULT_ORG, input, { onlyEndpointId: disabled.id })).rejects.toThrow(/disabled/);
    expect(await db.event.count()).toBe(0);
  });
});
