import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { getDb, type Db } from "@/lib/db/client";
import { resetDb, setupTestDb } from "@/lib/test/db";
import { startReceiver, type Handler, type Receiver } from "@/lib/test/receivers";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { emitEvent } from "@/lib/webhooks/emit";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";
import type { PassStats } from "@/lib/webhooks/delivery/record";

// Shared by the delivery engine's tests; each test file sets up its own database (setupTestDb makes it getDb()).

/**
 * For a delivery test file's top level: fast retries, the file's own database (emptied before each test) and the
 * receivers closed after each test. The getters are for the tests (the database exists once beforeAll has run).
 */
export function withDeliveryTestDb(): { db: () => Db; url: () => string } {
  let setup: Awaited<ReturnType<typeof setupTestDb>> | undefined;
  beforeAll(async () => {
    fastRetries();
    setup = await setupTestDb();
  });
  afterAll(() => setup?.teardown());
  beforeEach(() => resetDb(setup!.db));
  afterEach(() => closeReceivers());
  const current = () => {
    if (!setup) throw new Error("withDeliveryTestDb: the database is made in beforeAll; use it inside a test");
    return setup;
  };
  return { db: () => current().db, url: () => current().url };
}

/** Three attempts, 10 ms apart; a short timeout for the receivers that hang. Call in beforeAll. */
export function fastRetries(): void {
  process.env.HOOKLINE_RETRY_SCHEDULE = "10ms,10ms";
  process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400";
}

const receivers: Receiver[] = [];

/** A loopback receiver, closed by `closeReceivers` (call it in afterEach). */
export async function receiver(handler?: Handler): Promise<Receiver> {
  const r = await startReceiver(handler);
  receivers.push(r);
  return r;
}

export async function closeReceivers(): Promise<void> {
  while (receivers.length) await receivers.pop()!.close();
}

export function endpoint(
  url: string,
  data: {
    signatureAlgo?: string;
    secret?: string;
    eventTypes?: string[];
    previousSecret?: string;
    previousSecretUntil?: Date;
  } = {},
) {
  return getDb().webhookEndpoint.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      url,
      signatureAlgo: data.signatureAlgo ?? "hmac",
      secret: data.secret ?? "hmac-secret",
      ...data,
    },
  });
}

const invoice = { lago_id: "inv_1", number: "ACM-0001", total_amount_cents: 26400 };
export const emit = (webhookType = "invoice.created") =>
  emitEvent(DEFAULT_ORG, { webhookType, objectType: webhookType.split(".")[0], object: invoice });
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const webhookOf = (result: Awaited<ReturnType<typeof emit>>) =>
  getDb().webhook.findUniqueOrThrow({ where: { id: result.webhooks[0].id } });
export const attemptsOf = (webhookId: string) =>
  getDb().attempt.findMany({ where: { webhookId }, orderBy: { startedAt: "asc" } });

/** Delivery passes until no webhook is pending or retrying. */
export async function drain(maxMs = 10_000): Promise<PassStats> {
  const totals: PassStats = { claimed: 0, succeeded: 0, failed: 0, retrying: 0 };
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const stats = await runDeliveryPass({ budgetMs: 5_000 });
    for (const key of Object.keys(totals) as (keyof PassStats)[]) totals[key] += stats[key];
    if ((await getDb().webhook.count({ where: { status: { in: ["pending", "retrying"] } } })) === 0) return totals;
    await sleep(15);
  }
  throw new Error("webhooks still due after drain()");
}
