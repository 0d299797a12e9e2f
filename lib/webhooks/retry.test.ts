import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { hang, startReceiver, type Handler, type Receiver } from "@/lib/test/receivers";
import { emitEvent } from "./emit";
import { getWebhookDetail } from "./detail";
import { queueRetries, requestRetry, resendWebhook, retryNow, stopRetrying } from "./retry";
import { claimDue } from "./delivery/claim";
import { runDeliveryPass } from "./delivery/loop";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

// A schedule of hours, as in production: a failed attempt leaves the webhook retrying for a long time, and each
// wait is distinct, so the tests see which automatic attempt the schedule is at.
const HOUR = 3_600_000;
const WAITS = [1, 2, 3].map((h) => h * HOUR);

let db: Db;
let teardown: () => Promise<void>;
let answer: number;
let receiver: Receiver;

beforeAll(async () => {
  process.env.HOOKLINE_RETRY_SCHEDULE = "1h,2h,3h";
  // Long enough for a loaded machine, and for the receiver that holds its answer until the test releases it.
  process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "5000";
  ({ db, teardown } = await setupTestDb());
});
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  answer = 500;
  receiver = await startReceiver((_req, res) => void res.writeHead(answer).end(`answer ${answer}`));
  await db.webhookEndpoint.create({
    data: { organizationId: DEFAULT_ORGANIZATION_ID, url: receiver.url, signatureAlgo: "hmac", secret: "s" },
  });
});
afterEach(() => receiver.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const webhook = (id: string) => db.webhook.findUniqueOrThrow({ where: { id } });
const keysSent = () => receiver.requests.map((r) => r.headers["x-lago-unique-key"]);

/** An emitted event's webhook after its first attempt failed (500): retrying, the next attempt an hour away. */
async function retryingWebhook(): Promise<string> {
  const emitted = await emitEvent(DEFAULT_ORG, {
    webhookType: "invoice.created",
    objectType: "invoice",
    object: { lago_id: "inv_1" },
  });
  expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 1, retrying: 1 });
  return emitted.webhooks[0].id;
}

/** Makes the scheduled attempt due now and runs one delivery pass. */
async function scheduledAttempt(id: string) {
  await db.webhook.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
  const before = Date.now();
  const stats = await runDeliveryPass({ budgetMs: 5_000 });
  return { stats, before, row: await webhook(id) };
}

/** The wait the schedule chose, as an index into WAITS (each is varied by at most ±20%). */
function waitIndex(nextAttemptAt: Date | null, before: number): number {
  const wait = nextAttemptAt!.getTime() - before;
  return WAITS.findIndex((w) => wait >= w * 0.8 - 1_000 && wait <= w * 1.2 + 1_000);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`operator actions on one webhook (${testProvider})`, () => {
  it("Retry now on a retrying webhook that succeeds: succeeded at once, and the schedule sends nothing more", async () => {
    const id = await retryingWebhook();
    answer = 200;
    const retried = await retryNow(DEFAULT_ORG, id);
    expect(retried).toMatchObject({
      status: "succeeded",
      attemptCount: 2,
      retries: 1,
      manualAttempts: 1,
      lastHttpStatus: 200,
      nextAttemptAt: null,
      leaseOwner: null,
    });
    expect(retried.deliveredAt).not.toBeNull();
    expect(keysSent()).toEqual([id, id]);
    const attempts = await db.attempt.findMany({ where: { webhookId: id }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((a) => [a.statusCode, a.manual])).toEqual([
      [500, false],
      [200, true],
    ]);

    // Nothing is due any more: the remaining schedule was dropped.
    expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
    expect(await claimDue(10, "another-worker", 1_000)).toEqual([]);
    expect(receiver.requests).toHaveLength(2);
  });

  it("Retry now on a retrying webhook that fails: still retrying, same next time, same remaining attempts", async () => {
    const id = await retryingWebhook();
    const before = await webhook(id);
    expect(waitIndex(before.nextAttemptAt, before.updatedAt.getTime())).toBe(0);

    const retried = await retryNow(DEFAULT_ORG, id);
    expect(retried).toMatchObject({
      status: "retrying",
      attemptCount: 2,
      retries: 1,
      manualAttempts: 1,
      lastHttpStatus: 500,
      failureReason: null,
      leaseOwner: null,
    });
    expect(retried.nextAttemptAt).toEqual(before.nextAttemptAt);

    // The schedule goes on where it was: the second automatic attempt waits 2 h (not 3 h), and the 4 attempts the
    // policy allows are all still made: the webhook fails only after its fourth automatic attempt.
    const second = await scheduledAttempt(id);
    expect(second.row).toMatchObject({ status: "retrying", attemptCount: 3, retries: 2 });
    expect(waitIndex(second.row.nextAttemptAt, second.before)).toBe(1);
    const third = await scheduledAttempt(id);
    expect(waitIndex(third.row.nextAttemptAt, third.before)).toBe(2);
    const fourth = await scheduledAttempt(id);
    expect(fourth.row).toMatchObject({
      status: "failed",
      attemptCount: 5,
      retries: 4,
      manualAttempts: 1,
      nextAttemptAt: null,
    });
    expect(fourth.row.failureReason).toBe("Failed after 5 attempts; last: HTTP 500");
    expect(keysSent()).toEqual(Array(5).fill(id));
  });

  it("Retry now on a failed webhook: failed again if it fails, succeeded if it succeeds", async () => {
    const id = await retryingWebhook();
    for (let i = 0; i < 3; i += 1) await scheduledAttempt(id);
    expect(await webhook(id)).toMatchObject({ status: "failed", attemptCount: 4 });

    expect(await retryNow(DEFAULT_ORG, id)).toMatchObject({
      status: "failed",
      attemptCount: 5,
      retries: 4,
      manualAttempts: 1,
      failureReason: "Failed after 5 attempts; last: HTTP 500",
    });
    answer = 204;
    expect(await retryNow(DEFAULT_ORG, id)).toMatchObject({
      status: "succeeded",
      attemptCount: 6,
      retries: 5,
      manualAttempts: 2,
      lastHttpStatus: 204,
      failureReason: null,
    });
    expect(keysSent()).toEqual(Array(6).fill(id));
  });

  it("Retry now when the schedule's attempt is due anyway sends that attempt, counted on the schedule", async () => {
    const id = await retryingWebhook();
    await db.webhook.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    const retried = await retryNow(DEFAULT_ORG, id);
    expect(retried).toMatchObject({ status: "retrying", attemptCount: 2, manualAttempts: 0 });
    expect(waitIndex(retried.nextAttemptAt, retried.updatedAt.getTime())).toBe(1);
    expect(receiver.requests).toHaveLength(2);
  });

  it("refuses Retry now while an attempt is in flight, on a webhook not failed, and on a missing one; nothing is sent", async () => {
    const id = await retryingWebhook();
    await db.webhook.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await claimDue(10, "busy-worker", 60_000)).toHaveLength(1);
    const busy = await refusal(retryNow(DEFAULT_ORG, id));
    expect([busy.code, busy.message]).toEqual([
      "conflict",
      "This webhook is being sent right now; its result shows here in a moment.",
    ]);
    expect((await refusal(stopRetrying(DEFAULT_ORG, id, "ops@example.com"))).message).toMatch(
      /^This webhook is being sent right now/,
    );
    expect(await webhook(id)).toMatchObject({ status: "retrying", attemptCount: 1, leaseOwner: "busy-worker" });

    const pending = await emitEvent(DEFAULT_ORG, {
      webhookType: "invoice.created",
      objectType: "invoice",
      object: { lago_id: "inv_2" },
    });
    expect((await refusal(retryNow(DEFAULT_ORG, pending.webhooks[0].id))).message).toBe(
      "This webhook has not been sent yet; its first attempt is on its way.",
    );
    expect((await refusal(resendWebhook(DEFAULT_ORG, pending.webhooks[0].id))).code).toBe("conflict");
    expect((await refusal(retryNow(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000"))).code).toBe("not_found");
    expect(receiver.requests).toHaveLength(1);
  });

  it("Resend a delivered webhook: a new attempt under the same key, counted as a retry; a failed resend fails it", async () => {
    answer = 200;
    const emitted = await emitEvent(DEFAULT_ORG, {
      webhookType: "invoice.created",
      objectType: "invoice",
      object: { lago_id: "inv_1" },
    });
    const id = emitted.webhooks[0].id;
    await runDeliveryPass({ budgetMs: 5_000 });
    const delivered = await webhook(id);
    expect(delivered).toMatchObject({ status: "succeeded", attemptCount: 1, retries: 0 });
    expect((await refusal(retryNow(DEFAULT_ORG, id))).message).toBe(
      "This webhook was delivered; resend it to send it again.",
    );

    const resent = await resendWebhook(DEFAULT_ORG, id);
    expect(resent).toMatchObject({
      status: "succeeded",
      attemptCount: 2,
      retries: 1,
      manualAttempts: 1,
      lastHttpStatus: 200,
    });
    expect(resent.deliveredAt!.getTime()).toBeGreaterThanOrEqual(delivered.deliveredAt!.getTime());
    expect(keysSent()).toEqual([id, id]);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);

    answer = 503;
    const failed = await resendWebhook(DEFAULT_ORG, id);
    expect(failed).toMatchObject({
      status: "failed",
      attemptCount: 3,
      retries: 2,
      lastHttpStatus: 503,
      nextAttemptAt: null,
    });
    expect(failed.failureReason).toBe("Resent by an operator; the resend failed: HTTP 503");
    // When it was delivered stays known; no schedule starts.
    expect(failed.deliveredAt).toEqual(resent.deliveredAt);
    expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
    expect((await refusal(resendWebhook(DEFAULT_ORG, id))).message).toMatch(/^Only a delivered webhook can be resent/);
  });

  it("Stop retrying: failed with who stopped it; the schedule never sends it again; only a retrying one", async () => {
    const id = await retryingWebhook();
    const stopped = await stopRetrying(DEFAULT_ORG, id, "ops@example.com");
    expect(stopped).toMatchObject({
      status: "failed",
      nextAttemptAt: null,
      failureReason: "Retries stopped by ops@example.com",
      attemptCount: 1,
    });
    expect((await getWebhookDetail(DEFAULT_ORG, stopped.endpointId, id)).failureReason).toBe(
      "Retries stopped by ops@example.com",
    );

    expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);
    expect((await refusal(stopRetrying(DEFAULT_ORG, id, "ops@example.com"))).message).toBe(
      "Only a webhook that is retrying can be stopped.",
    );
    // Retry now still works on it, and a failure leaves it failed.
    expect(await retryNow(DEFAULT_ORG, id)).toMatchObject({ status: "failed", attemptCount: 2, manualAttempts: 1 });
  });

  it("a queued retry (REST, bulk) waits for an attempt in flight to end: never two at once", async () => {
    const id = await retryingWebhook();
    // A worker that died mid-delivery holds the lease for 300 ms.
    await db.webhook.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await claimDue(10, "dead-worker", 300)).toHaveLength(1);
    await db.webhook.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() + HOUR) } });
    expect(await requestRetry(DEFAULT_ORG, id)).toMatchObject({ status: "retrying" });
    expect(await runDeliveryPass({ budgetMs: 500 })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);

    await sleep(350);
    const scheduled = (await webhook(id)).nextAttemptAt;
    expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await webhook(id)).toMatchObject({
      status: "retrying",
      attemptCount: 2,
      manualAttempts: 1,
      manualDueAt: null,
      nextAttemptAt: scheduled,
    });
    expect(keysSent()).toEqual([id, id]);
  });

  it("queues only webhooks whose last attempt failed; REST refuses the others", async () => {
    answer = 200;
    const emitted = await emitEvent(DEFAULT_ORG, {
      webhookType: "invoice.created",
      objectType: "invoice",
      object: { lago_id: "inv_1" },
    });
    const pendingId = emitted.webhooks[0].id;
    expect(await queueRetries(DEFAULT_ORG, [pendingId])).toBe(0);
    expect((await refusal(requestRetry(DEFAULT_ORG, pendingId))).message).toBe(
      "Only a webhook whose last attempt failed can be retried; it has not been sent yet.",
    );
    await runDeliveryPass({ budgetMs: 5_000 });
    expect((await refusal(requestRetry(DEFAULT_ORG, pendingId))).message).toBe(
      "Only a webhook whose last attempt failed can be retried; it was delivered.",
    );
    expect((await refusal(requestRetry(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000"))).code).toBe("not_found");
    expect(await webhook(pendingId)).toMatchObject({ manualDueAt: null, attemptCount: 1 });
  });
});

describe(`an attempt in flight in the detail (${testProvider})`, () => {
  it("shows since when it is being sent, and nothing once it is recorded", async () => {
    let release: () => void = () => undefined;
    const held: Handler = (req, res) => {
      release = () => res.writeHead(200).end();
      return hang(req, res);
    };
    await receiver.close();
    receiver = await startReceiver(held);
    const endpoint = await db.webhookEndpoint.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        url: `${receiver.url}/held`,
        signatureAlgo: "hmac",
        secret: "s",
        eventTypes: ["customer.created"],
      },
    });
    const emitted = await emitEvent(DEFAULT_ORG, {
      webhookType: "customer.created",
      objectType: "customer",
      object: { lago_id: "cus_1" },
    });
    const id = emitted.webhooks.find((w) => w.endpoint_id === endpoint.id)!.id;
    expect((await getWebhookDetail(DEFAULT_ORG, endpoint.id, id)).inFlightSince).toBeNull();

    const startedAt = Date.now();
    const pass = runDeliveryPass({ budgetMs: 5_000 });
    await receiver.waitFor(1);
    const inFlight = await getWebhookDetail(DEFAULT_ORG, endpoint.id, id);
    expect(inFlight.status).toBe("pending");
    expect(Date.parse(inFlight.inFlightSince!)).toBeGreaterThanOrEqual(startedAt - 5);
    expect(Date.parse(inFlight.inFlightSince!)).toBeLessThanOrEqual(Date.now());
    release();
    await pass;
    expect(await getWebhookDetail(DEFAULT_ORG, endpoint.id, id)).toMatchObject({
      status: "succeeded",
      inFlightSince: null,
    });
  });
});
