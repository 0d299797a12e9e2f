import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { endpointHealth, endpointsHealth24h, healthWindow } from "./health";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date("2026-11-27T12:30:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

async function endpoint(path: string) {
  return db.webhookEndpoint.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      url: `https://example.com/${path}`,
      signatureAlgo: "hmac",
      secret: "s",
    },
  });
}

/** `n` webhooks of an endpoint in `status`, created at `createdAt`, each with the given attempt durations. */
async function webhooks(endpointId: string, status: string, createdAt: Date, n = 1, durations: number[] = []) {
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: "{}",
      createdAt,
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const webhook = await db.webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: event.id,
        endpointId,
        webhookType: "invoice.created",
        objectType: "invoice",
        status,
        createdAt,
      },
    });
    ids.push(webhook.id);
  }
  if (durations.length) {
    await db.attempt.createMany({
      data: durations.map((durationMs, i) => ({
        webhookId: ids[i % ids.length],
        startedAt: createdAt,
        durationMs,
        succeeded: status === "succeeded",
        statusCode: 200,
      })),
    });
  }
  return ids;
}

describe(`endpoint health on ${testProvider}`, () => {
  it("the 24 h window is exactly 24 hours in clock-hour buckets; 30 days start at local midnight", () => {
    const day = healthWindow("24h", now);
    expect([day.from.toISOString(), new Date(day.origin).toISOString(), day.buckets]).toEqual([
      "2026-11-26T12:30:00.000Z",
      "2026-11-26T12:00:00.000Z",
      25,
    ]);
    const month = healthWindow("30d", now, -60);
    expect([month.from.toISOString(), month.buckets, month.bucketMs]).toEqual([
      "2026-10-28T23:00:00.000Z",
      30,
      24 * HOUR,
    ]);
    // Half-hour time zones keep their buckets on local hours.
    expect(new Date(healthWindow("24h", new Date("2026-11-27T12:45:00Z"), -330).origin).toISOString()).toBe(
      "2026-11-26T12:30:00.000Z",
    );
  });

  it("counts webhooks by endpoint, hour and status with grouped SQL, and gives the success rate", async () => {
    const a = await endpoint("a");
    const b = await endpoint("b");
    const quiet = await endpoint("quiet");
    await webhooks(a.id, "succeeded", ago(30 * MIN), 3);
    await webhooks(a.id, "failed", ago(30 * MIN));
    await webhooks(a.id, "pending", ago(MIN));
    await webhooks(a.id, "retrying", ago(HOUR));
    await webhooks(a.id, "succeeded", ago(5 * HOUR), 2);
    await webhooks(a.id, "succeeded", ago(25 * HOUR)); // outside the 24 hours
    await webhooks(b.id, "failed", ago(2 * HOUR));

    const health = await endpointsHealth24h(DEFAULT_ORG, [a.id, b.id, quiet.id], now);
    expect(health[a.id]).toMatchObject({ total: 8, succeeded: 5, failed: 1, inProgress: 2 });
    // The pending one has not been tried: 5 of 7.
    expect(health[a.id].successRate).toBeCloseTo(5 / 7);
    const busy = health[a.id].buckets
      .map((bucket, i) => [i, bucket.start.slice(11, 16), bucket.succeeded, bucket.failed, bucket.inProgress])
      .filter(([, , s, f, p]) => Number(s) + Number(f) + Number(p) > 0);
    expect(busy).toEqual([
      [19, "07:00", 2, 0, 0],
      [23, "11:00", 0, 0, 1],
      [24, "12:00", 3, 1, 1],
    ]);
    expect(health[b.id]).toMatchObject({ total: 1, failed: 1, successRate: 0 });
    expect(health[quiet.id]).toMatchObject({ total: 0, successRate: null });
    expect(health[quiet.id].buckets).toHaveLength(25);
  });

  it("per day over 30 days from local midnight, with the median and p95 response time of the window's attempts", async () => {
    const a = await endpoint("a");
    const b = await endpoint("b");
    // 20 attempts of 10, 20, ... 200 ms in the last hour.
    await webhooks(
      a.id,
      "succeeded",
      ago(30 * MIN),
      4,
      Array.from({ length: 20 }, (_, i) => (i + 1) * 10),
    );
    await webhooks(a.id, "failed", ago(25 * HOUR), 1, [30_000]);
    await webhooks(a.id, "succeeded", new Date("2026-10-28T23:00:00Z"), 1, [7]);
    await webhooks(a.id, "succeeded", new Date("2026-10-28T22:59:59Z"), 5, [9_999]); // before the 30 days
    await webhooks(b.id, "succeeded", ago(30 * MIN), 1, [5_000]);

    const day = await endpointHealth(DEFAULT_ORG, a.id, "24h", { now });
    expect(day).toMatchObject({
      range: "24h",
      total: 4,
      succeeded: 4,
      successRate: 1,
      bucketMs: HOUR,
      from: "2026-11-26T12:30:00.000Z",
    });
    // percentile_cont: rank (n - 1) * p, interpolated: 100 + 0.5 * 10 and 190 + 0.05 * 10.
    expect(day.latency.attempts).toBe(20);
    expect(day.latency.p50).toBeCloseTo(105);
    expect(day.latency.p95).toBeCloseTo(190.5);

    const month = await endpointHealth(DEFAULT_ORG, a.id, "30d", { now, tzOffsetMinutes: -60 });
    expect(month).toMatchObject({ total: 6, succeeded: 5, failed: 1 });
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets[0]).toEqual({ start: "2026-10-28T23:00:00.000Z", succeeded: 1, failed: 0, inProgress: 0 });
    expect(month.buckets[28]).toMatchObject({ start: "2026-11-25T23:00:00.000Z", failed: 1 });
    expect(month.buckets[29]).toMatchObject({ start: "2026-11-26T23:00:00.000Z", succeeded: 4 });
    expect(month.latency.attempts).toBe(22);
    // 7, 10..200, 30000: the median of 22 values sits between the 11th and 12th (100 and 110).
    expect(month.latency.p50).toBeCloseTo(105);
    // Rank 21 * 0.95 = 19.95: between 190 and 200.
    expect(month.latency.p95).toBeCloseTo(199.5);
  });

  it("an endpoint without attempts has no response times", async () => {
    const a = await endpoint("a");
    expect((await endpointHealth(DEFAULT_ORG, a.id, "24h", { now })).latency).toEqual({
      attempts: 0,
      p50: null,
      p95: null,
    });
    await webhooks(a.id, "succeeded", ago(MIN), 1, [42]);
    expect((await endpointHealth(DEFAULT_ORG, a.id, "24h", { now })).latency).toEqual({
      attempts: 1,
      p50: 42,
      p95: 42,
    });
  });
});
