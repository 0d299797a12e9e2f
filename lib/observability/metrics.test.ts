import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { setupTestDb } from "@/lib/test/db";
import { closeReceivers, drain, emit, endpoint, fastRetries, receiver } from "@/lib/test/delivery";
import { freePort, startPrometheus, type Prometheus } from "@/lib/test/prometheus";
import { reply } from "@/lib/test/receivers";
import { readDatabaseSnapshot } from "./collect";
import { startMetricsServer } from "./metrics-http";
import { httpClass, metrics, organizationLabel, ORGANIZATION_LABELS, typeLabel } from "./metrics";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

const TOKEN = "metrics-token-0123456789abcdef";
let teardown: () => Promise<void>;

beforeAll(async () => {
  fastRetries();
  // Exact counts by HTTP class: no attempt may time out on a loaded machine.
  process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "10000";
  ({ teardown } = await setupTestDb());
});
afterAll(() => teardown());
afterEach(async () => {
  delete process.env.HOOKLINE_METRICS_TOKEN;
  await closeReceivers();
});

describe("labels stay bounded", () => {
  it("buckets unknown webhook types and organizations past the limit as other", () => {
    expect(typeLabel("invoice.created")).toBe("invoice.created");
    expect(typeLabel("custom.thing_happened")).toBe("other");
    expect(httpClass(204)).toBe("2xx");
    expect(httpClass(503)).toBe("5xx");
    expect(httpClass(null)).toBe("none");
    for (let i = 0; i < ORGANIZATION_LABELS + 10; i++) organizationLabel(`org-${i}`);
    expect(organizationLabel("org-1")).toBe("org-1");
    expect(organizationLabel("org-late")).toBe("other");
  });
});

describe("queue gauges read from the database", () => {
  afterEach(async () => {
    await getDb().webhook.deleteMany();
    await getDb().webhookEndpoint.deleteMany();
  });

  it("counts due, scheduled and leased webhooks and the oldest due's age", async () => {
    const db = getDb();
    const target = await endpoint("https://example.com/queue");
    const result = await emit();
    const now = new Date();
    await db.webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: result.event.id,
        endpointId: target.id,
        webhookType: "invoice.created",
        objectType: "invoice",
        status: "retrying",
        nextAttemptAt: new Date(now.getTime() + 60_000),
      },
    });
    await db.webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: result.event.id,
        endpointId: target.id,
        webhookType: "invoice.created",
        objectType: "invoice",
        status: "pending",
        nextAttemptAt: new Date(now.getTime() - 90_000),
        leaseUntil: new Date(now.getTime() + 60_000),
        leaseOwner: "someone",
      },
    });
    await db.webhook.update({
      where: { id: result.webhooks[0].id },
      data: { nextAttemptAt: new Date(now.getTime() - 30_000) },
    });
    const snapshot = await readDatabaseSnapshot(db, now);
    expect(snapshot.queue).toMatchObject({ due: 1, scheduled: 1, leased: 1 });
    expect(snapshot.queue.oldestDueAgeSeconds).toBeCloseTo(30, 0);
    await db.webhookEndpoint.update({
      where: { id: target.id },
      data: { enabled: false, disabledReason: "Disabled automatically: the endpoint answered 410 Gone" },
    });
    await endpoint("https://example.com/off").then((off) =>
      db.webhookEndpoint.update({ where: { id: off.id }, data: { enabled: false } }),
    );
    expect((await readDatabaseSnapshot(db, now)).endpoints).toEqual({ enabled: 0, disabled: 1, autoDisabled: 1 });
  });
});

describe("scraped by a real Prometheus", () => {
  let prometheus: Prometheus | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    await prometheus?.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it("counts accepted events, deliveries by outcome and HTTP class, durations, claims and sign-in failures", async () => {
    process.env.HOOKLINE_METRICS_TOKEN = TOKEN;
    server = await startMetricsServer(0, "127.0.0.1");
    const target = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The separate port asks for the token too when one is set.
    expect((await fetch(`http://${target}/metrics`)).status).toBe(401);

    // Counters are the process's: events accepted by the tests above are counted too.
    const before = (await metrics().eventsAccepted.get()).values.reduce((sum, v) => sum + v.value, 0);
    const ok = await receiver(reply(200));
    const failing = await receiver(reply(500));
    const off = await receiver(reply(200));
    await endpoint(ok.url);
    await endpoint(failing.url);
    const disabled = await endpoint(off.url);
    for (let i = 0; i < 5; i++) await emit();
    await emit("custom.thing_happened");
    // Disabled after the events were accepted: its webhooks are "not sent".
    await getDb().webhookEndpoint.update({ where: { id: disabled.id }, data: { enabled: false } });
    await drain();
    await attemptSignIn({ email: "nobody@example.com", password: "wrong password" }, "203.0.113.9");

    prometheus = await startPrometheus({ target, bearerToken: TOKEN, port: await freePort(3620, 3699) });
    const expected = [
      // 6 events x 1 success; 6 x (2 retrying + 1 failed) on the failing endpoint; 6 not sent.
      { outcome: "succeeded", http_class: "2xx", value: 6 },
      { outcome: "retrying", http_class: "5xx", value: 12 },
      { outcome: "failed", http_class: "5xx", value: 6 },
      { outcome: "not_sent", http_class: "none", value: 6 },
    ];
    const wanted = Object.fromEntries(expected.map((e) => [`${e.outcome}/${e.http_class}`, e.value]));
    const deadline = Date.now() + 30_000;
    let byLabels: Record<string, number> = {};
    // Until Prometheus has scraped the final counts (or 30 s).
    while (Date.now() < deadline) {
      const deliveries = await prometheus.query("sum by (outcome, http_class) (hookline_deliveries_total)");
      byLabels = Object.fromEntries(deliveries.map((s) => [`${s.metric.outcome}/${s.metric.http_class}`, s.value]));
      if (JSON.stringify(Object.entries(byLabels).sort()) === JSON.stringify(Object.entries(wanted).sort())) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(byLabels).toEqual(wanted);

    const value = async (promql: string) => (await prometheus!.query(promql))[0]?.value;
    expect(await value('hookline_events_accepted_total{type="invoice.created"}')).toBe(before + 5);
    expect(await value('hookline_events_accepted_total{type="other"}')).toBe(1);
    expect(await value("sum(hookline_organization_events_accepted_total)")).toBe(before + 6);
    expect(await value("hookline_delivery_duration_seconds_count")).toBe(24);
    expect(await value("hookline_claims_total")).toBeGreaterThan(0);
    expect(await value("hookline_claimed_webhooks_total")).toBe(30);
    expect(await value('hookline_sign_in_failures_total{reason="wrong"}')).toBe(1);
    expect(await value('hookline_queue_webhooks{state="due"}')).toBe(0);
    expect(await value('hookline_endpoints{state="enabled"}')).toBe(2);
    expect(await value('hookline_endpoints{state="disabled"}')).toBe(1);
    expect(await value("hookline_worker_slots_in_use")).toBe(0);
    if (process.env.TEST_DB === "postgresql") {
      expect(await value('hookline_db_pool_connections{pool="app",state="total"}')).toBeGreaterThan(0);
    }
  });
});
