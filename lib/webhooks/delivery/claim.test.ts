import { describe, expect, it, onTestFinished } from "vitest";
import { createDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { testProvider } from "@/lib/test/db";
import { claimDue } from "./claim";
import { runDeliveryPass } from "./loop";
import { emit, endpoint, receiver, sleep, withDeliveryTestDb } from "@/lib/test/delivery";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

const { db, url } = withDeliveryTestDb();

describe(`claiming under a lease on ${testProvider}`, () => {
  it("a claimed webhook is not claimed again until its lease ends", async () => {
    const r = await receiver();
    await endpoint(r.url);
    const emitted = await emit();
    // A lease long enough for a loaded machine to make the next two queries inside it.
    const first = await claimDue(10, "worker-a", 1_000);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      id: emitted.webhooks[0].id,
      eventId: emitted.event.id,
      endpointId: expect.any(String),
      attemptCount: 0,
    });
    // PostgreSQL returns the event body with the claim.
    if (testProvider === "postgresql")
      expect(first[0].body).toBe((await db().event.findUniqueOrThrow({ where: { id: emitted.event.id } })).body);
    expect(await claimDue(10, "worker-b", 200)).toEqual([]);
    expect(await db().webhook.findUniqueOrThrow({ where: { id: first[0].id } })).toMatchObject({
      leaseOwner: "worker-a",
    });
    await sleep(1_050);
    expect((await claimDue(10, "worker-b", 200)).map((w) => w.id)).toEqual([first[0].id]);
  });

  it("webhooks of a worker killed mid-batch are delivered, once, by another after the lease", async () => {
    // A loaded machine must not turn slow answers into timeouts and retries here (it did at 400 ms, load 10).
    process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "10000";
    onTestFinished(() => void (process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400"));
    const r = await receiver();
    await endpoint(r.url);
    for (let i = 0; i < 20; i += 1) await emit();
    // The "killed" worker leased them and never recorded anything (a lease a loaded machine cannot outrun here).
    expect(await claimDue(50, "killed-worker", 1_500)).toHaveLength(20);
    expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
    expect(r.requests).toHaveLength(0);
    await sleep(1_550);
    expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 20, succeeded: 20 });
    const webhooks = await db().webhook.findMany();
    expect(webhooks.every((w) => w.status === "succeeded" && w.attemptCount === 1 && w.leaseOwner === null)).toBe(true);
    expect(new Set(r.requests.map((q) => q.headers["x-lago-unique-key"])).size).toBe(20);
    expect(r.requests).toHaveLength(20);
  });

  it("finds every endpoint with pending webhooks among idle ones, deals the batch fairly, each endpoint's oldest first", async () => {
    const r = await receiver();
    // Endpoints created in id order, busy ones between idle ones (an idle one has only delivered webhooks or none).
    const idleFirst = await endpoint(`${r.url}/idle-1`, { eventTypes: ["plan.created"] });
    const busyA = await endpoint(`${r.url}/a`, { eventTypes: ["invoice.created"] });
    const idleBetween = await endpoint(`${r.url}/idle-2`, { eventTypes: ["customer.created"] });
    const busyB = await endpoint(`${r.url}/b`, { eventTypes: ["invoice.created"] });
    await endpoint(`${r.url}/idle-3`, { eventTypes: ["plan.created"] });
    await emit("customer.created");
    await runDeliveryPass({ budgetMs: 2_000 });
    expect(await db().webhook.findFirstOrThrow({ where: { endpointId: idleBetween.id } })).toMatchObject({
      status: "succeeded",
    });
    const emitted: Awaited<ReturnType<typeof emit>>[] = [];
    for (let i = 0; i < 3; i += 1) emitted.push(await emit());
    const batch = await claimDue(4, "worker-a", 5_000);
    const of = (endpointId: string) => batch.filter((w) => w.endpointId === endpointId).map((w) => w.eventId);
    expect(of(busyA.id)).toEqual(emitted.slice(0, 2).map((e) => e.event.id));
    expect(of(busyB.id)).toEqual(emitted.slice(0, 2).map((e) => e.event.id));
    expect(batch.filter((w) => w.endpointId === idleFirst.id || w.endpointId === idleBetween.id)).toEqual([]);
    // The rest, once leased ones are skipped: the third event's webhook of each busy endpoint.
    const rest = await claimDue(10, "worker-a", 5_000);
    expect(rest.map((w) => [w.endpointId, w.eventId]).sort()).toEqual(
      [busyA.id, busyB.id].map((id) => [id, emitted[2].event.id]).sort(),
    );
  });

  // Needs PostgreSQL: SQLite has a single writer, so two workers there never compete for one row.
  it.skipIf(testProvider !== "postgresql")(
    "two workers on one PostgreSQL deliver 1,000 events with no attempt sent twice",
    async () => {
      // A loaded test machine must not turn slow answers into timeouts and retries here.
      process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "10000";
      onTestFinished(() => void (process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400"));
      const r = await receiver();
      const ep = await endpoint(r.url);
      const events = Array.from({ length: 1000 }, (_, i) => ({
        id: `evt-${String(i).padStart(4, "0")}`,
        organizationId: DEFAULT_ORGANIZATION_ID,
        webhookType: "invoice.created",
        objectType: "invoice",
        body: `{"n":${i}}`,
      }));
      await db().event.createMany({ data: events });
      const now = new Date();
      await db().webhook.createMany({
        data: events.map((e) => ({
          organizationId: DEFAULT_ORGANIZATION_ID,
          eventId: e.id,
          endpointId: ep.id,
          webhookType: e.webhookType,
          objectType: e.objectType,
          nextAttemptAt: now,
        })),
      });
      const workers = [createDb(databaseConfig(url())), createDb(databaseConfig(url()))];
      let claimedInAll = 0;
      try {
        const stats = await Promise.all(
          workers.map(async (workerDb, i) => {
            const totals = { claimed: 0, succeeded: 0 };
            for (let round = 0; round < 20; round += 1) {
              const s = await runDeliveryPass({
                budgetMs: 10_000,
                workerId: `worker-${i}`,
                db: workerDb,
                concurrency: 20,
              });
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
      for (const q of r.requests)
        received.set(
          String(q.headers["x-lago-unique-key"]),
          (received.get(String(q.headers["x-lago-unique-key"])) ?? 0) + 1,
        );
      const webhooks = await db().webhook.findMany({ select: { id: true, status: true, attemptCount: true } });
      expect(webhooks.filter((w) => w.status !== "succeeded")).toEqual([]);
      expect(webhooks.filter((w) => received.get(w.id) !== w.attemptCount)).toEqual([]);
      const attempts = await db().attempt.count();
      expect(r.requests).toHaveLength(attempts);
      expect(claimedInAll).toBe(attempts);
      expect(attempts).toBe(1000);
    },
  );
});
