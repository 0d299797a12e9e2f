import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver, type Receiver } from "@/lib/test/receivers";
import { describeHours, disableFailingEndpoints, GONE_REASON, sweepFailingEndpoints } from "./auto-disable";
import { emitEvent } from "./emit";
import { setEndpointEnabled } from "./endpoints";
import { runDeliveryPass } from "./delivery/loop";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
let receiver: Receiver;
/** What the receiver answers; tests change it as they go. */
let answer = 500;

const HOUR = 3_600_000;

beforeAll(async () => {
  // Three attempts per webhook, 10 ms apart.
  process.env.HOOKLINE_RETRY_SCHEDULE = "10ms,10ms";
  ({ db, teardown } = await setupTestDb());
  receiver = await startReceiver((_req, res) => void res.writeHead(answer).end());
});
afterAll(async () => {
  await receiver.close();
  await teardown();
});
beforeEach(async () => {
  answer = 500;
  await resetDb(db);
});
afterEach(() => {
  delete process.env.HOOKLINE_AUTO_DISABLE_AFTER_HOURS;
  delete process.env.HOOKLINE_AUTO_DISABLE_MIN_FAILURES;
});

const addEndpoint = (path = "/hooks") =>
  db.webhookEndpoint.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      url: `${receiver.url}${path}`,
      signatureAlgo: "hmac",
      secret: "s",
    },
  });
const endpointRow = (id: string) => db.webhookEndpoint.findUniqueOrThrow({ where: { id } });

/** Emits `events` events and delivers them until none is due: each failing one makes 3 failed attempts. */
async function deliver(events: number): Promise<void> {
  for (let i = 0; i < events; i++)
    await emitEvent(DEFAULT_ORG, {
      webhookType: "invoice.created",
      objectType: "invoice",
      object: { lago_id: `inv_${i}` },
    });
  for (let pass = 0; pass < 50; pass++) {
    await runDeliveryPass({ budgetMs: 2_000 });
    if ((await db.webhook.count({ where: { status: { in: ["pending", "retrying"] } } })) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  throw new Error("webhooks still due");
}

const utcMinute = (date: Date) => `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;

describe(`auto-disable on ${testProvider}`, () => {
  it("disables an endpoint whose deliveries only failed for 5 days with at least 10 failures, saying why", async () => {
    const endpoint = await addEndpoint();
    await deliver(4);
    const failing = await endpointRow(endpoint.id);
    expect(failing).toMatchObject({ enabled: true, consecutiveFailures: 12 });
    const since = failing.failingSince!;

    // Not yet: the run is 4 days old.
    expect(await disableFailingEndpoints(new Date(since.getTime() + 96 * HOUR))).toEqual([]);
    expect((await endpointRow(endpoint.id)).enabled).toBe(true);

    const now = new Date(since.getTime() + 120 * HOUR);
    const reason = `Disabled automatically: every delivery failed for 5 days (12 failures) since ${utcMinute(since)}`;
    expect(await disableFailingEndpoints(now)).toEqual([
      { id: endpoint.id, url: endpoint.url, disabledReason: reason },
    ]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: false, disabledAt: now, disabledReason: reason });

    // Already disabled: a later sweep leaves it (and its reason and time) alone.
    expect(await disableFailingEndpoints(new Date(now.getTime() + HOUR))).toEqual([]);
    expect((await endpointRow(endpoint.id)).disabledAt).toEqual(now);
  });

  it("keeps an endpoint with only 9 failures, and one whose run was broken by a success", async () => {
    const nine = await addEndpoint("/nine");
    await deliver(3);
    expect((await endpointRow(nine.id)).consecutiveFailures).toBe(9);
    await db.webhookEndpoint.update({ where: { id: nine.id }, data: { enabled: false } });

    const broken = await addEndpoint("/broken");
    await deliver(3); // 9 failures
    answer = 200;
    await deliver(1); // a success ends the run
    answer = 500;
    await deliver(2); // a new run of 6
    const row = await endpointRow(broken.id);
    expect(row.consecutiveFailures).toBe(6);

    await db.webhookEndpoint.update({ where: { id: nine.id }, data: { enabled: true } });
    expect(await disableFailingEndpoints(new Date(Date.now() + 200 * HOUR))).toEqual([]);
    expect((await endpointRow(nine.id)).enabled).toBe(true);
    expect((await endpointRow(broken.id)).enabled).toBe(true);
  });

  it("reads HOOKLINE_AUTO_DISABLE_AFTER_HOURS and HOOKLINE_AUTO_DISABLE_MIN_FAILURES", async () => {
    process.env.HOOKLINE_AUTO_DISABLE_AFTER_HOURS = "36";
    process.env.HOOKLINE_AUTO_DISABLE_MIN_FAILURES = "3";
    const endpoint = await addEndpoint();
    await deliver(1);
    const { failingSince } = await endpointRow(endpoint.id);
    const [disabled] = await disableFailingEndpoints(new Date(failingSince!.getTime() + 36 * HOUR));
    expect(disabled.disabledReason).toBe(
      `Disabled automatically: every delivery failed for 36 hours (3 failures) since ${utcMinute(failingSince!)}`,
    );
    expect([describeHours(1), describeHours(24), describeHours(120), describeHours(30)]).toEqual([
      "1 hour",
      "1 day",
      "5 days",
      "30 hours",
    ]);
  });

  it("re-enabling (one click) starts the count afresh, so the next sweep leaves the endpoint enabled", async () => {
    const endpoint = await addEndpoint();
    await deliver(4);
    const { failingSince } = await endpointRow(endpoint.id);
    const later = new Date(failingSince!.getTime() + 121 * HOUR);
    expect(await disableFailingEndpoints(later)).toHaveLength(1);

    await setEndpointEnabled(DEFAULT_ORG, endpoint.id, true);
    expect(await endpointRow(endpoint.id)).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      consecutiveFailures: 0,
    });
    expect(await disableFailingEndpoints(later)).toEqual([]);
    expect((await endpointRow(endpoint.id)).enabled).toBe(true);
  });

  it("the worker's sweep runs at most once a minute", async () => {
    const endpoint = await addEndpoint();
    await deliver(4);
    const { failingSince } = await endpointRow(endpoint.id);
    const t = failingSince!.getTime() + 121 * HOUR;
    await sweepFailingEndpoints(db, t);
    expect((await endpointRow(endpoint.id)).enabled).toBe(false);

    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { enabled: true, disabledReason: null, disabledAt: null },
    });
    await sweepFailingEndpoints(db, t + 30_000);
    expect((await endpointRow(endpoint.id)).enabled).toBe(true);
    await sweepFailingEndpoints(db, t + 61_000);
    expect((await endpointRow(endpoint.id)).enabled).toBe(false);
  });

  it("an endpoint that answers 410 Gone is disabled at once; its queued webhooks fail with the reason", async () => {
    answer = 410;
    const gone = await addEndpoint("/gone");
    const before = Date.now();
    await deliver(2);
    const row = await endpointRow(gone.id);
    expect(row).toMatchObject({ enabled: false, disabledReason: GONE_REASON });
    expect(row.disabledAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    // One pass: both were sent once (410 each), then the retries were not sent because the endpoint is disabled.
    expect(receiver.requests.filter((r) => r.path === "/webhooks/gone")).toHaveLength(2);
    const webhooks = await db.webhook.findMany({ where: { endpointId: gone.id } });
    expect(webhooks.map((w) => [w.status, w.lastHttpStatus, w.failureReason])).toEqual([
      ["failed", 410, `Not sent: the endpoint is disabled (${GONE_REASON}).`],
      ["failed", 410, `Not sent: the endpoint is disabled (${GONE_REASON}).`],
    ]);
  });

  it("another failure status does not disable at once", async () => {
    answer = 404;
    const endpoint = await addEndpoint();
    await deliver(1);
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true, consecutiveFailures: 3 });
  });
});
