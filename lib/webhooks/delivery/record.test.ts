import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { describe, expect, it } from "vitest";
import { testProvider } from "@/lib/test/db";
import { reply, sequence } from "@/lib/test/receivers";
import { schedulePolicy } from "../retry-policy";
import type { ClaimedWebhook, EndpointRow } from "./claim";
import type { Attempted } from "./deliver";
import { runDeliveryPass } from "./loop";
import { nextState } from "./record";
import { attemptsOf, drain, emit, endpoint, receiver, sleep, webhookOf, withDeliveryTestDb } from "@/lib/test/delivery";

const { db } = withDeliveryTestDb();

describe(`recording attempts through delivery passes on ${testProvider}`, () => {
  describe("the schedule", () => {
    it("500 every time: retried on schedule under one unique key, then failed with every attempt recorded", async () => {
      const r = await receiver(reply(500, "Internal Server Error"));
      const ep = await endpoint(r.url);
      const emitted = await emit();
      const totals = await drain();
      expect(totals).toMatchObject({ claimed: 3, succeeded: 0, retrying: 2, failed: 1 });

      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({
        status: "failed",
        attemptCount: 3,
        retries: 2,
        lastHttpStatus: 500,
        lastResponse: "Internal Server Error",
        nextAttemptAt: null,
      });
      expect(webhook.failureReason).toBe("Failed after 3 attempts; last: HTTP 500");
      expect(r.requests.map((q) => q.headers["x-lago-unique-key"])).toEqual([webhook.id, webhook.id, webhook.id]);
      expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
      const attempts = await attemptsOf(webhook.id);
      expect(attempts.map((a) => [a.statusCode, a.succeeded, a.responseBody])).toEqual(
        Array(3).fill([500, false, "Internal Server Error"]),
      );
      expect(attempts[1].startedAt.getTime()).toBeGreaterThanOrEqual(attempts[0].startedAt.getTime() + 8);

      const health = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
      expect(health.consecutiveFailures).toBe(3);
      expect(health.failingSince!.getTime()).toBe(attempts[0].startedAt.getTime());
    });

    it("429 with Retry-After waits as long as the receiver asks", async () => {
      const r = await receiver(reply(429, "slow down", { "Retry-After": "120" }));
      await endpoint(r.url);
      const emitted = await emit();
      const before = Date.now();
      await runDeliveryPass({ budgetMs: 5_000 });
      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({ status: "retrying", lastHttpStatus: 429 });
      expect(webhook.nextAttemptAt!.getTime() - before).toBeGreaterThanOrEqual(119_000);
      expect(webhook.nextAttemptAt!.getTime() - before).toBeLessThan(125_000);
      // Not due yet: another pass sends nothing.
      expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
      expect(r.requests).toHaveLength(1);
    });

    it("an endpoint deleted while its delivery is in flight does not lose the other results of the batch", async () => {
      const slow = await receiver(async (_req, res) => {
        await sleep(150);
        res.writeHead(200).end();
      });
      const fast = await receiver();
      const doomed = await endpoint(slow.url);
      await endpoint(fast.url);
      const emitted = await emit();
      const pass = runDeliveryPass({ budgetMs: 5_000 });
      await slow.waitFor(1);
      await db().webhookEndpoint.delete({ where: { id: doomed.id } });
      await pass;
      const remaining = await db().webhook.findMany({
        where: { eventId: emitted.event.id },
        include: { attempts: true },
      });
      expect(remaining).toHaveLength(1);
      expect(remaining[0]).toMatchObject({ status: "succeeded", attemptCount: 1 });
      expect(remaining[0].attempts).toHaveLength(1);
    });

    it("succeeds after failures: attempts, retries and endpoint health add up", async () => {
      const r = await receiver(sequence(reply(500, "down"), reply(503, "still down"), reply(202, "accepted")));
      const ep = await endpoint(r.url);
      const emitted = await emit();
      expect(await drain()).toMatchObject({ claimed: 3, retrying: 2, succeeded: 1, failed: 0 });
      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({
        status: "succeeded",
        attemptCount: 3,
        retries: 2,
        lastHttpStatus: 202,
        lastResponse: "accepted",
        failureReason: null,
      });
      expect((await attemptsOf(webhook.id)).map((a) => a.statusCode)).toEqual([500, 503, 202]);
      expect(new Set(r.requests.map((q) => q.headers["x-lago-unique-key"]))).toEqual(new Set([webhook.id]));
      expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).toMatchObject({
        consecutiveFailures: 0,
        failingSince: null,
      });
    });
  });
});

describe("nextState: what an attempt makes of its webhook (pure)", () => {
  // Three attempts in all, waiting 1 s then 2 s; random() = 0.5 removes the jitter.
  const policy = schedulePolicy([1_000, 2_000]);
  const exact = () => 0.5;
  const now = new Date("2026-12-01T10:42:07.000Z");
  const later = new Date("2026-12-01T12:00:00.000Z");
  const target: EndpointRow = {
    id: "ep",
    organizationId: DEFAULT_ORGANIZATION_ID,
    sendTraceparent: false,
    url: "https://example.com/hooks",
    signatureAlgo: "hmac",
    secret: "s",
    previousSecret: null,
    previousSecretUntil: null,
    enabled: true,
    disabledReason: null,
    consecutiveFailures: 0,
    failingSince: null,
  };
  const job = (claimed: Partial<ClaimedWebhook> = {}): ClaimedWebhook => ({
    id: "w1",
    eventId: "e1",
    endpointId: "ep",
    attemptCount: 0,
    manualAttempts: 0,
    status: "pending",
    nextAttemptAt: now,
    manual: false,
    ...claimed,
  });
  const answer = (status: number | null, extra: Partial<Attempted["result"]> = {}): Attempted["result"] => ({
    ok: status !== null && status < 300,
    status,
    body: status === null ? null : `answer ${status}`,
    truncated: false,
    durationMs: 12,
    error: status === null ? "Connection refused" : null,
    retryAfterMs: null,
    requestHeaders: null,
    responseHeaders: null,
    responseHeadersTruncated: false,
    ...extra,
  });
  const after = (claimed: Partial<ClaimedWebhook>, result: Attempted["result"]) =>
    nextState({ kind: "attempt", job: job(claimed), endpoint: target, startedAt: now, result }, now, policy, exact);

  it("a success: succeeded now, nothing more scheduled", () => {
    expect(after({ attemptCount: 1, status: "retrying" }, answer(200))).toEqual({
      id: "w1",
      status: "succeeded",
      attemptCount: 2,
      retries: 1,
      manualAttempts: 0,
      lastHttpStatus: 200,
      lastResponse: "answer 200",
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: now,
      failureReason: null,
    });
  });

  it("a failure with attempts left waits the schedule's next wait; the last one fails the webhook", () => {
    expect(after({}, answer(500))).toMatchObject({
      status: "retrying",
      attemptCount: 1,
      retries: 0,
      nextAttemptAt: new Date(now.getTime() + 1_000),
    });
    expect(after({ attemptCount: 1, status: "retrying" }, answer(500))).toMatchObject({
      status: "retrying",
      nextAttemptAt: new Date(now.getTime() + 2_000),
    });
    expect(after({ attemptCount: 2, status: "retrying" }, answer(null))).toMatchObject({
      status: "failed",
      attemptCount: 3,
      nextAttemptAt: null,
      lastError: "Connection refused",
      failureReason: "Failed after 3 attempts; last: Connection refused",
    });
  });

  it("a Retry-After longer than the wait wins, up to 24 hours", () => {
    expect(after({}, answer(429, { retryAfterMs: 120_000 })).nextAttemptAt).toEqual(new Date(now.getTime() + 120_000));
    expect(after({}, answer(503, { retryAfterMs: 500 })).nextAttemptAt).toEqual(new Date(now.getTime() + 1_000));
    expect(after({}, answer(503, { retryAfterMs: 7 * 86_400_000 })).nextAttemptAt).toEqual(
      new Date(now.getTime() + 86_400_000),
    );
  });

  it("an operator's attempt that fails leaves a retrying webhook's schedule as it was", () => {
    const manual = after({ attemptCount: 1, status: "retrying", nextAttemptAt: later, manual: true }, answer(500));
    expect(manual).toMatchObject({
      status: "retrying",
      attemptCount: 2,
      retries: 1,
      manualAttempts: 1,
      nextAttemptAt: later,
      failureReason: null,
    });
    // The schedule counts only its own attempts: the next automatic failure is its second, waiting 2 s, not failed.
    expect(after({ attemptCount: 2, manualAttempts: 1, status: "retrying" }, answer(500))).toMatchObject({
      status: "retrying",
      nextAttemptAt: new Date(now.getTime() + 2_000),
    });
    expect(after({ attemptCount: 3, manualAttempts: 1, status: "retrying" }, answer(500))).toMatchObject({
      status: "failed",
      failureReason: "Failed after 4 attempts; last: HTTP 500",
    });
  });

  it("an operator's attempt: a failed webhook stays failed, a failed Resend fails a delivered one, a success delivers", () => {
    expect(after({ attemptCount: 3, status: "failed", nextAttemptAt: null, manual: true }, answer(500))).toMatchObject({
      status: "failed",
      manualAttempts: 1,
      nextAttemptAt: null,
      failureReason: "Failed after 4 attempts; last: HTTP 500",
    });
    expect(
      after({ attemptCount: 1, status: "succeeded", nextAttemptAt: null, manual: true }, answer(410)),
    ).toMatchObject({
      status: "failed",
      nextAttemptAt: null,
      // null: the time it was delivered before is kept by the recording statement.
      deliveredAt: null,
      failureReason: "Resent by an operator; the resend failed: HTTP 410",
    });
    expect(after({ attemptCount: 3, status: "failed", nextAttemptAt: null, manual: true }, answer(204))).toMatchObject({
      status: "succeeded",
      deliveredAt: now,
      manualAttempts: 1,
    });
  });
});
