// The app is killed with SIGKILL while it delivers 5,000 webhooks; after a restart every one is delivered.
import { afterEach, describe, expect, it } from "vitest";
import { closedLoop, createEndpoint, emitEvent, FAULT_ENV, requireBuild, startApp, type AppProcess } from "./app";
import { connect, freshDatabase, statusCounts, waitSettled, type Provider } from "./db";
import { startFaultReceiver } from "./receiver";

const provider: Provider = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
});

describe(`crash on ${provider}`, () => {
  it("SIGKILL while 5,000 webhooks are in flight: after a restart every one succeeds, none is lost, none stays pending, a duplicate keeps its unique key", async () => {
    requireBuild();
    const database = await freshDatabase(provider);
    cleanup.push(() => database.drop());
    const sql = connect(database.url);
    cleanup.push(() => sql.close());
    const receiver = await startFaultReceiver();
    cleanup.push(() => receiver.close());
    const start = async (name: string, env: Record<string, string> = {}) => {
      const app = await startApp({ databaseUrl: database.url, env: { ...FAULT_ENV, ...env }, name });
      cleanup.push(() => app.kill());
      return app;
    };

    // 1,000 events to 5 endpoints, accepted while no worker runs: 5,000 webhooks due at once.
    const ingest = await start("crash-ingest", { HOOKLINE_WORKER: "off" });
    for (let i = 1; i <= 5; i += 1) await createEndpoint(ingest, receiver.url(`/e${i}`), "hmac");
    const { results, errors } = await closedLoop(1000, 16, (i) => emitEvent(ingest, i));
    expect(errors).toBe(0);
    expect(results.every((r) => r.status === 202)).toBe(true);
    const accepted = new Map<string, string>();
    for (const answer of results)
      for (const webhook of answer.body.webhooks) accepted.set(webhook.id, answer.body.event.id);
    expect(accepted.size).toBe(5000);
    await ingest.stop();

    // A worker starts on the backlog and is killed mid-way.
    const doomed: AppProcess = await start("crash-doomed");
    await receiver.waitFor(() => receiver.requests.length >= 1500, 60_000, "1,500 deliveries before the kill");
    await doomed.kill();
    const sentBeforeKill = receiver.requests.length;
    const leased = await sql.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM "webhooks" WHERE "status" = 'pending' AND "leaseOwner" IS NOT NULL`,
    );
    const atKill = await statusCounts(sql);
    expect(sentBeforeKill).toBeLessThan(5000);
    expect(atKill.pending ?? 0).toBeGreaterThan(0);

    // Restarted: the rest is claimed at once, the stranded leases after they end.
    await start("crash-restarted");
    expect(await waitSettled(sql, 5000, 90_000)).toEqual({ succeeded: 5000 });

    // None lost: every accepted webhook reached the receiver, under its own key and nothing else.
    const keys = new Set(receiver.byKey.keys());
    expect([...accepted.keys()].filter((id) => !keys.has(id))).toEqual([]);
    expect([...keys].filter((key) => !accepted.has(key))).toEqual([]);
    // A duplicate (sent by the killed process, unrecorded, sent again) carries the same key and the same bytes.
    const duplicates = [...receiver.byKey.values()].filter((requests) => requests.length > 1);
    for (const requests of duplicates) expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    // Exactly one successful attempt is recorded per webhook.
    const attempts = await sql.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM (SELECT "webhookId" FROM "attempts" WHERE "succeeded" GROUP BY "webhookId" HAVING count(*) <> 1) x`,
    );
    expect(Number(attempts[0].n)).toBe(0);
    console.log(
      `[fault] crash on ${provider}: killed after ${sentBeforeKill} requests with ${Number(leased[0].n)} webhooks leased; ` +
        `${receiver.requests.length} requests in all, ${duplicates.length} webhooks sent twice (same key)`,
    );
  });
});
