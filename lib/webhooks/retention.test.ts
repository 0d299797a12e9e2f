import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { closeReceivers, drain, emit, endpoint, receiver } from "@/lib/test/delivery";
import { purgeOldWebhooks, purgeWhenDue } from "./retention";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;

beforeAll(async () => {
  // Retries 10 ms apart, but the default delivery timeout: a loaded machine must not turn a delivery into two.
  process.env.HOOKLINE_RETRY_SCHEDULE = "10ms,10ms";
  ({ db, teardown } = await setupTestDb());
});
afterAll(() => teardown());
beforeEach(() => resetDb(db));
afterEach(() => closeReceivers());

describe(`retention on ${testProvider}`, () => {
  it("purges webhooks, their attempts and events older than the retention", async () => {
    const r = await receiver();
    await endpoint(r.url);
    const old = await emit();
    const recent = await emit();
    await drain();
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await db.event.update({ where: { id: old.event.id }, data: { createdAt: longAgo } });
    await db.webhook.update({ where: { id: old.webhooks[0].id }, data: { createdAt: longAgo } });

    expect(await purgeOldWebhooks(90)).toEqual({ webhooks: 1, events: 1 });
    expect(await db.webhook.findMany({ select: { id: true } })).toEqual([{ id: recent.webhooks[0].id }]);
    expect(await db.attempt.count({ where: { webhookId: old.webhooks[0].id } })).toBe(0);
    expect(await db.attempt.count({ where: { webhookId: recent.webhooks[0].id } })).toBe(1);
    expect(await db.event.count()).toBe(1);
    expect(await purgeOldWebhooks(90)).toEqual({ webhooks: 0, events: 0 });
  });
});

describe("purgeWhenDue", () => {
  it("purges at most once an hour per process", async () => {
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    const old = () =>
      db.event.create({
        data: {
          organizationId: DEFAULT_ORGANIZATION_ID,
          webhookType: "invoice.created",
          objectType: "invoice",
          body: "{}",
          createdAt: longAgo,
        },
      });
    await old();
    const first = Date.now();
    expect(await purgeWhenDue(first)).toEqual({ webhooks: 0, events: 1 });
    await old();
    expect(await purgeWhenDue(first + 59 * 60_000)).toBeNull();
    expect(await db.event.count()).toBe(1);
    expect(await purgeWhenDue(first + 60 * 60_000)).toEqual({ webhooks: 0, events: 1 });
  });
});
