import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import {
  closedPortUrl,
  hang,
  largeBody,
  reply,
  resetMidResponse,
  sequence,
  startReceiver,
  verifyingHmac,
  verifyingJwt,
  type Handler,
  type Receiver,
} from "@/lib/test/receivers";
import { emitEvent } from "./emit";
import { postWebhook } from "./http";
import { getSigningKey } from "./keys";
import { generateStandardSecret, jwtIssuer } from "./signing";
import {
  claimDue,
  purgeOldWebhooks,
  runDeliveryPass,
  startWorker,
  stopWorker,
  wakeWorker,
  workerStatus,
  type PassStats,
} from "./worker";

let db: Db;
let url: string;
let teardown: () => Promise<void>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // Three attempts, 10 ms apart; a short timeout for the receiver that hangs.
  process.env.HOOKLINE_RETRY_SCHEDULE = "10ms,10ms";
  process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400";
  ({ db, url, teardown } = await setupTestDb());
});
afterAll(() => teardown());
beforeEach(() => resetDb(db));
afterEach(async () => {
  while (receivers.length) await receivers.pop()!.close();
});

async function receiver(handler?: Handler): Promise<Receiver> {
  const r = await startReceiver(handler);
  receivers.push(r);
  return r;
}
function endpoint(endpointUrl: string, data: { signatureAlgo?: string; secret?: string; eventTypes?: string[]; previousSecret?: string; previousSecretUntil?: Date } = {}) {
  return db.webhookEndpoint.create({ data: { url: endpointUrl, signatureAlgo: data.signatureAlgo ?? "hmac", secret: data.secret ?? "hmac-secret", ...data } });
}
const invoice = { lago_id: "inv_1", number: "ACM-0001", total_amount_cents: 26400 };
const emit = (webhookType = "invoice.created") => emitEvent({ webhookType, objectType: webhookType.split(".")[0], object: invoice });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const webhookOf = async (result: Awaited<ReturnType<typeof emit>>) => db.webhook.findUniqueOrThrow({ where: { id: result.webhooks[0].id } });
const attemptsOf = (webhookId: string) => db.attempt.findMany({ where: { webhookId }, orderBy: { startedAt: "asc" } });

/** Delivery passes until no webhook is pending or retrying. */
async function drain(maxMs = 10_000): Promise<PassStats> {
  const totals: PassStats = { claimed: 0, succeeded: 0, failed: 0, retrying: 0 };
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const stats = await runDeliveryPass({ budgetMs: 5_000 });
    for (const key of Object.keys(totals) as (keyof PassStats)[]) totals[key] += stats[key];
    if ((await db.webhook.count({ where: { status: { in: ["pending", "retrying"] } } })) === 0) return totals;
    await sleep(15);
  }
  throw new Error("webhooks still due after drain()");
}

describe(`delivery worker on ${testProvider}`, () => {
  describe("signatures a Lago receiver accepts", () => {
    it("JWT: verified with the installation's public key, issuer and data === body; a tampered body is refused", async () => {
      const { publicKeyPem } = await getSigningKey();
      const r = await receiver(verifyingJwt(publicKeyPem, jwtIssuer()));
      await endpoint(r.url, { signatureAlgo: "jwt" });
      const emitted = await emit();
      expect(await drain()).toMatchObject({ claimed: 1, succeeded: 1, failed: 0, retrying: 0 });

      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({ status: "succeeded", attemptCount: 1, retries: 0, lastHttpStatus: 200, lastResponse: "ok", lastError: null });
      expect(webhook.deliveredAt).not.toBeNull();
      expect(webhook.leaseOwner).toBeNull();
      const [request] = r.requests;
      expect(request.body).toBe((await db.event.findUniqueOrThrow({ where: { id: emitted.event.id } })).body);
      expect(request.headers).toMatchObject({
        "x-lago-unique-key": webhook.id,
        "x-lago-signature-algorithm": "jwt",
        "content-type": "application/json",
        "user-agent": "Hookline-Webhooks/1.0",
      });

      const tampered = await postWebhook({
        url: r.url,
        body: request.body.replace("26400", "1"),
        headers: { "X-Lago-Signature": String(request.headers["x-lago-signature"]), "X-Lago-Signature-Algorithm": "jwt" },
      });
      expect(tampered).toMatchObject({ ok: false, status: 401, body: "data does not match the body" });
    });

    it("HMAC: verified with the endpoint's secret; a tampered body is refused", async () => {
      const r = await receiver(verifyingHmac("endpoint-secret-1"));
      await endpoint(r.url, { signatureAlgo: "hmac", secret: "endpoint-secret-1" });
      const emitted = await emit();
      await drain();
      expect(await webhookOf(emitted)).toMatchObject({ status: "succeeded", lastHttpStatus: 200 });
      const [request] = r.requests;
      const tampered = await postWebhook({
        url: r.url,
        body: request.body.replace("ACM-0001", "ACM-9999"),
        headers: { "X-Lago-Signature": String(request.headers["x-lago-signature"]), "X-Lago-Signature-Algorithm": "hmac" },
      });
      expect(tampered.status).toBe(401);
    });

    it("HMAC with the wrong secret fails the attempt (the receiver's 401 is recorded)", async () => {
      const r = await receiver(verifyingHmac("the-receivers-idea-of-the-secret"));
      await endpoint(r.url, { signatureAlgo: "hmac", secret: "endpoint-secret-1" });
      const emitted = await emit();
      await runDeliveryPass({ budgetMs: 5_000 });
      expect(await webhookOf(emitted)).toMatchObject({ status: "retrying", lastHttpStatus: 401, lastResponse: "bad signature" });
    });

    it("Standard Webhooks: both secrets verify during a rotation, only the new one after it", async () => {
      const current = generateStandardSecret();
      const previous = generateStandardSecret();
      const r = await receiver();
      const ep = await endpoint(r.url, { signatureAlgo: "standard", secret: current, previousSecret: previous, previousSecretUntil: new Date(Date.now() + 3_600_000) });
      await emit();
      await drain();
      const headersOf = (i: number) => r.requests[i].headers as Record<string, string>;
      expect(new StandardWebhook(current).verify(r.requests[0].body, headersOf(0))).toMatchObject({ webhook_type: "invoice.created" });
      expect(new StandardWebhook(previous).verify(r.requests[0].body, headersOf(0))).toBeTruthy();
      expect(headersOf(0)["x-lago-unique-key"]).toBe(headersOf(0)["webhook-id"]);

      await db.webhookEndpoint.update({ where: { id: ep.id }, data: { previousSecretUntil: new Date(Date.now() - 1000) } });
      await emit();
      await drain();
      expect(new StandardWebhook(current).verify(r.requests[1].body, headersOf(1))).toBeTruthy();
      expect(() => new StandardWebhook(previous).verify(r.requests[1].body, headersOf(1))).toThrow();
    });
  });

  describe("failures", () => {
    it("500 every time: retried on schedule under one unique key, then failed with every attempt recorded", async () => {
      const r = await receiver(reply(500, "Internal Server Error"));
      const ep = await endpoint(r.url);
      const emitted = await emit();
      const totals = await drain();
      expect(totals).toMatchObject({ claimed: 3, succeeded: 0, retrying: 2, failed: 1 });

      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({ status: "failed", attemptCount: 3, retries: 2, lastHttpStatus: 500, lastResponse: "Internal Server Error", nextAttemptAt: null });
      expect(webhook.failureReason).toBe("Failed after 3 attempts; last: HTTP 500");
      expect(r.requests.map((q) => q.headers["x-lago-unique-key"])).toEqual([webhook.id, webhook.id, webhook.id]);
      expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
      const attempts = await attemptsOf(webhook.id);
      expect(attempts.map((a) => [a.statusCode, a.succeeded, a.responseBody])).toEqual(Array(3).fill([500, false, "Internal Server Error"]));
      expect(attempts[1].startedAt.getTime()).toBeGreaterThanOrEqual(attempts[0].startedAt.getTime() + 8);

      const health = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
      expect(health.consecutiveFailures).toBe(3);
      expect(health.failingSince!.getTime()).toBe(attempts[0].startedAt.getTime());
    });

    it("404 and 301 fail the attempt; the redirect is not followed", async () => {
      const target = await receiver();
      const notFound = await receiver(reply(404, "no such route"));
      const moved = await receiver(reply(301, "", { Location: target.url }));
      await endpoint(notFound.url);
      await endpoint(moved.url);
      const emitted = await emit();
      expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 2, retrying: 2 });
      const webhooks = await db.webhook.findMany({ where: { eventId: emitted.event.id }, include: { endpoint: true } });
      const byUrl = Object.fromEntries(webhooks.map((w) => [w.endpoint.url, w]));
      expect(byUrl[notFound.url]).toMatchObject({ status: "retrying", lastHttpStatus: 404, lastResponse: "no such route", attemptCount: 1, retries: 0 });
      expect(byUrl[moved.url]).toMatchObject({ status: "retrying", lastHttpStatus: 301 });
      expect(target.requests).toHaveLength(0);
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

    it("records timeouts, refused and reset connections as attempt errors", async () => {
      const hanging = await receiver(hang);
      const resetting = await receiver(resetMidResponse);
      const refused = await closedPortUrl();
      for (const u of [hanging.url, resetting.url, refused]) await endpoint(u);
      const emitted = await emit();
      await runDeliveryPass({ budgetMs: 5_000 });
      const webhooks = await db.webhook.findMany({ where: { eventId: emitted.event.id }, include: { endpoint: true, attempts: true } });
      const errorOf = (u: string) => webhooks.find((w) => w.endpoint.url === u)!;
      // Each attempt times out; how many fit in the pass depends on the machine's load, so the status may be either.
      expect(errorOf(hanging.url)).toMatchObject({ lastError: "Timed out after 400 ms", lastHttpStatus: null });
      expect(errorOf(hanging.url).status).toMatch(/^(retrying|failed)$/);
      expect(errorOf(resetting.url)).toMatchObject({ lastError: "Connection reset" });
      expect(errorOf(refused)).toMatchObject({ lastError: "Connection refused", lastHttpStatus: null });
      for (const u of [resetting.url, refused]) {
        expect(errorOf(u).status).toMatch(/^(retrying|failed)$/);
        expect(errorOf(u).attempts.every((a) => !a.succeeded && a.error === errorOf(u).lastError)).toBe(true);
      }
      const timedOut = errorOf(hanging.url).attempts[0];
      expect(timedOut).toMatchObject({ succeeded: false, statusCode: null, error: "Timed out after 400 ms" });
      expect(timedOut.durationMs).toBeGreaterThanOrEqual(390);
    });

    it("keeps 64 KB of a 10 MB answer, marked truncated", async () => {
      const r = await receiver(largeBody(10 * 1024 * 1024));
      await endpoint(r.url);
      const emitted = await emit();
      await drain();
      const webhook = await webhookOf(emitted);
      expect(webhook.status).toBe("succeeded");
      const [attempt] = await attemptsOf(webhook.id);
      expect(attempt).toMatchObject({ succeeded: true, statusCode: 200, responseTruncated: true });
      expect(attempt.responseBody).toHaveLength(64 * 1024);
    });

    it("a webhook whose endpoint was disabled is failed with the reason, not dropped, and nothing is sent", async () => {
      const r = await receiver();
      const ep = await endpoint(r.url);
      const emitted = await emit();
      await db.webhookEndpoint.update({ where: { id: ep.id }, data: { enabled: false, disabledReason: "Disabled by an operator" } });
      expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 1, failed: 1 });
      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({ status: "failed", attemptCount: 0, leaseOwner: null });
      expect(webhook.failureReason).toBe("Not sent: the endpoint is disabled (Disabled by an operator).");
      expect(await attemptsOf(webhook.id)).toHaveLength(0);
      expect(r.requests).toHaveLength(0);
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
      await db.webhookEndpoint.delete({ where: { id: doomed.id } });
      await pass;
      const remaining = await db.webhook.findMany({ where: { eventId: emitted.event.id }, include: { attempts: true } });
      expect(remaining).toHaveLength(1);
      expect(remaining[0]).toMatchObject({ status: "succeeded", attemptCount: 1 });
      expect(remaining[0].attempts).toHaveLength(1);
    });
  });

  describe("retries", () => {
    it("succeeds after failures: attempts, retries and endpoint health add up", async () => {
      const r = await receiver(sequence(reply(500, "down"), reply(503, "still down"), reply(202, "accepted")));
      const ep = await endpoint(r.url);
      const emitted = await emit();
      expect(await drain()).toMatchObject({ claimed: 3, retrying: 2, succeeded: 1, failed: 0 });
      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({ status: "succeeded", attemptCount: 3, retries: 2, lastHttpStatus: 202, lastResponse: "accepted", failureReason: null });
      expect((await attemptsOf(webhook.id)).map((a) => a.statusCode)).toEqual([500, 503, 202]);
      expect(new Set(r.requests.map((q) => q.headers["x-lago-unique-key"]))).toEqual(new Set([webhook.id]));
      expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    });
  });

  describe("leases", () => {
    it("a claimed webhook is not claimed again until its lease ends", async () => {
      const r = await receiver();
      await endpoint(r.url);
      const emitted = await emit();
      const first = await claimDue(10, "worker-a", 200);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ id: emitted.webhooks[0].id, eventId: emitted.event.id, endpointId: expect.any(String), attemptCount: 0 });
      // PostgreSQL returns the event body with the claim.
      if (testProvider === "postgresql") expect(first[0].body).toBe((await db.event.findUniqueOrThrow({ where: { id: emitted.event.id } })).body);
      expect(await claimDue(10, "worker-b", 200)).toEqual([]);
      expect(await db.webhook.findUniqueOrThrow({ where: { id: first[0].id } })).toMatchObject({ leaseOwner: "worker-a" });
      await sleep(250);
      expect((await claimDue(10, "worker-b", 200)).map((w) => w.id)).toEqual([first[0].id]);
    });

    it("webhooks of a worker killed mid-batch are delivered, once, by another after the lease", async () => {
      const r = await receiver();
      await endpoint(r.url);
      for (let i = 0; i < 20; i += 1) await emit();
      // The "killed" worker leased them and never recorded anything.
      expect(await claimDue(50, "killed-worker", 300)).toHaveLength(20);
      expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
      expect(r.requests).toHaveLength(0);
      await sleep(350);
      expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 20, succeeded: 20 });
      const webhooks = await db.webhook.findMany();
      expect(webhooks.every((w) => w.status === "succeeded" && w.attemptCount === 1 && w.leaseOwner === null)).toBe(true);
      expect(new Set(r.requests.map((q) => q.headers["x-lago-unique-key"])).size).toBe(20);
      expect(r.requests).toHaveLength(20);
    });

    // Needs PostgreSQL: SQLite has a single writer, so two workers there never compete for one row.
    it.skipIf(testProvider !== "postgresql")("two workers on one PostgreSQL deliver 1,000 events with no attempt sent twice", async () => {
      // A loaded test machine must not turn slow answers into timeouts and retries here.
      process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "10000";
      onTestFinished(() => void (process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400"));
      const r = await receiver();
      const ep = await endpoint(r.url);
      const events = Array.from({ length: 1000 }, (_, i) => ({ id: `evt-${String(i).padStart(4, "0")}`, webhookType: "invoice.created", objectType: "invoice", body: `{"n":${i}}` }));
      await db.event.createMany({ data: events });
      const now = new Date();
      await db.webhook.createMany({
        data: events.map((e) => ({ eventId: e.id, endpointId: ep.id, webhookType: e.webhookType, objectType: e.objectType, nextAttemptAt: now })),
      });
      const workers = [createDb(databaseConfig(url)), createDb(databaseConfig(url))];
      let claimedInAll = 0;
      try {
        const stats = await Promise.all(
          workers.map(async (workerDb, i) => {
            const totals = { claimed: 0, succeeded: 0 };
            for (let round = 0; round < 20; round += 1) {
              const s = await runDeliveryPass({ budgetMs: 10_000, workerId: `worker-${i}`, db: workerDb, concurrency: 20 });
              totals.claimed += s.claimed;
              totals.succeeded += s.succeeded;
              if (s.claimed === 0) break;
            }
            return totals;
          }),
        );
        claimedInAll = stats[0].claimed + stats[1].claimed;
        expect(stats[0].claimed).toBeGreaterThan(0);
        expect(stats[1].claimed).toBeGreaterThan(0);
      } finally {
        await Promise.all(workers.map((w) => w.$disconnect()));
      }
      // Every request the receiver got is exactly one recorded attempt: none was sent twice.
      const received = new Map<string, number>();
      for (const q of r.requests) received.set(String(q.headers["x-lago-unique-key"]), (received.get(String(q.headers["x-lago-unique-key"])) ?? 0) + 1);
      const webhooks = await db.webhook.findMany({ select: { id: true, status: true, attemptCount: true } });
      expect(webhooks.filter((w) => w.status !== "succeeded")).toEqual([]);
      expect(webhooks.filter((w) => received.get(w.id) !== w.attemptCount)).toEqual([]);
      const attempts = await db.attempt.count();
      expect(r.requests).toHaveLength(attempts);
      expect(claimedInAll).toBe(attempts);
      expect(attempts).toBe(1000);
    });
  });

  describe("the in-process loop", () => {
    afterEach(async () => {
      await stopWorker();
      process.env.HOOKLINE_WORKER = "off";
      delete process.env.HOOKLINE_WORKER_INTERVAL_MS;
      process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400";
    });

    it("does nothing when HOOKLINE_WORKER=off", async () => {
      process.env.HOOKLINE_WORKER = "off";
      startWorker();
      wakeWorker();
      expect(workerStatus()).toMatchObject({ enabled: false, running: false });
    });

    it("delivers within milliseconds of an emit (woken, not waiting for its tick), even while another delivery hangs", async () => {
      process.env.HOOKLINE_WORKER = "on";
      process.env.HOOKLINE_WORKER_INTERVAL_MS = "60000";
      process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "3000";
      const hanging = await receiver(hang);
      const quick = await receiver();
      await endpoint(hanging.url, { eventTypes: ["invoice.created"] });
      await endpoint(quick.url, { eventTypes: ["customer.created"] });
      startWorker();
      startWorker(); // idempotent
      await sleep(50); // the loop's first pass found nothing and sleeps for its 60 s interval

      await emit("invoice.created");
      await hanging.waitFor(1, 1_000);
      const emittedAt = Date.now();
      await emit("customer.created");
      const [request] = await quick.waitFor(1, 1_000);
      expect(request.receivedAt - emittedAt).toBeLessThan(500);

      for (let i = 0; i < 50 && (await db.webhook.count({ where: { status: "succeeded" } })) === 0; i += 1) await sleep(10);
      const status = workerStatus();
      expect(status).toMatchObject({ enabled: true, running: true, lastError: null, inFlight: 1 });
      expect(status.lastPassAt).not.toBeNull();

      await stopWorker(); // waits for the hanging delivery to time out and be recorded
      expect(workerStatus()).toMatchObject({ running: false, inFlight: 0 });
      expect(await db.webhook.count({ where: { status: "retrying", lastError: "Timed out after 3000 ms" } })).toBe(1);
      expect(await db.webhook.count({ where: { status: "succeeded" } })).toBe(1);
    });
  });

  describe("retention", () => {
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
});
