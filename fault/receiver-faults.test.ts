// Receiver fault matrix under load: one endpoint slow, one hanging past the timeout, one failing half the time, one
// resetting connections; the healthy endpoint's throughput stays within 20% of its figure without faults.
import { afterEach, describe, expect, it } from "vitest";
import { createEndpoint, emitEvent, FAULT_ENV, requireBuild, sleep, startApp, type AppProcess } from "./app";
import { connect, freshDatabase, type Provider } from "./db";
import { startFaultReceiver, type FaultReceiver } from "./receiver";

const provider: Provider = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
});

// Offered load: 5 webhooks per event. SQLite, one writer, keeps up with half of it.
const RATE = provider === "sqlite" ? 50 : 100;
const SECONDS = 8;
const CONCURRENCY = 40;
const FAULTS = { "/slow": "slow", "/hang": "hang", "/flaky": "flaky", "/reset": "reset" } as const;

/** Emits RATE events/s for SECONDS (each to all five endpoints); the healthy endpoint's deliveries/s over the phase. */
async function phase(
  app: AppProcess,
  receiver: FaultReceiver,
  offset: number,
): Promise<{ perSecond: number; ids: string[] }> {
  const started = Date.now();
  const before = receiver.count("/healthy");
  const answers: Promise<string | undefined>[] = [];
  for (let i = 0; i < RATE * SECONDS; i += 1) {
    const wait = started + (i * 1000) / RATE - Date.now();
    if (wait > 0) await sleep(wait);
    answers.push(
      emitEvent(app, offset + i).then((answer) => answer.body.webhooks.find((w) => w.endpoint_id === healthyId)?.id),
    );
  }
  const ids = (await Promise.all(answers)).filter((id): id is string => Boolean(id));
  expect(ids.length).toBe(RATE * SECONDS);
  await receiver.waitFor(
    () => receiver.count("/healthy") - before >= ids.length,
    60_000,
    "the healthy endpoint's deliveries",
  );
  return { perSecond: (ids.length * 1000) / (receiver.lastAt("/healthy") - started), ids };
}
let healthyId = "";

describe(`receiver faults on ${provider}`, () => {
  it("slow, hanging, half-failing and resetting endpoints do not starve a healthy one", async () => {
    requireBuild();
    const database = await freshDatabase(provider);
    cleanup.push(() => database.drop());
    const sql = connect(database.url);
    cleanup.push(() => sql.close());
    const receiver = await startFaultReceiver();
    cleanup.push(() => receiver.close());
    const app = await startApp({
      databaseUrl: database.url,
      name: `faults-${provider}`,
      env: {
        ...FAULT_ENV,
        // The slow endpoint answers in 1 s, within the timeout; the hanging one never does.
        HOOKLINE_DELIVERY_TIMEOUT_MS: "2000",
        // The per-endpoint cap is left to its default: the slots divided among the busy endpoints plus one.
        HOOKLINE_WORKER_CONCURRENCY: String(CONCURRENCY),
      },
    });
    cleanup.push(() => app.kill());
    healthyId = await createEndpoint(app, receiver.url("/healthy"), "hmac");
    for (const path of Object.keys(FAULTS)) await createEndpoint(app, receiver.url(path), "hmac");

    const calm = await phase(app, receiver, 0);
    for (const [path, behaviour] of Object.entries(FAULTS)) receiver.set(path, behaviour);
    const stormy = await phase(app, receiver, 100_000);

    const ratio = stormy.perSecond / calm.perSecond;
    console.log(
      `[fault] receiver faults on ${provider}: healthy endpoint ${calm.perSecond.toFixed(0)}/s without faults, ${stormy.perSecond.toFixed(0)}/s with them (${(ratio * 100).toFixed(0)}%); ` +
        `most open at once: slow ${receiver.peakOpen("/slow")}, hanging ${receiver.peakOpen("/hang")} of ${CONCURRENCY} slots`,
    );
    expect(ratio).toBeGreaterThanOrEqual(0.8);
    // The faulty endpoints were held to a share of the worker's slots.
    expect(receiver.peakOpen("/slow")).toBeLessThanOrEqual(CONCURRENCY / 2);
    expect(receiver.peakOpen("/hang")).toBeLessThanOrEqual(CONCURRENCY / 2);
    expect(receiver.peakOpen("/slow") + receiver.peakOpen("/hang")).toBeLessThan(CONCURRENCY);
    // Every healthy webhook is recorded as succeeded, and the faults as what they were.
    const expected = calm.ids.length + stormy.ids.length;
    const succeeded = async () =>
      Number(
        (
          await sql.query<{ n: number | string }>(
            `SELECT count(*) AS n FROM "webhooks" WHERE "endpointId" = ? AND "status" = 'succeeded'`,
            [healthyId],
          )
        )[0].n,
      );
    const deadline = Date.now() + 10_000;
    while ((await succeeded()) < expected && Date.now() < deadline) await sleep(100);
    expect(await succeeded()).toBe(expected);
    const errors = (
      await sql.query<{ error: string | null }>(`SELECT DISTINCT "error" FROM "attempts" WHERE "error" IS NOT NULL`)
    ).map((r) => r.error);
    expect(errors).toEqual(expect.arrayContaining(["Timed out after 2000 ms", "Connection reset"]));
  });
});
