// `npm start`'s two processes killed one at a time with SIGKILL, while events arrive and are delivered: the killed one
// is started again, and every accepted event is delivered under its own key.
import { afterEach, describe, expect, it } from "vitest";
import {
  createEndpoint,
  emitEvent,
  FAULT_ENV,
  killQuietly,
  requireBuild,
  sleep,
  startApp,
  waitHealthy,
  type AppProcess,
} from "./app";
import { connect, freshDatabase, waitSettled, type Provider } from "./db";
import { startFaultReceiver, type FaultReceiver } from "./receiver";

const provider: Provider = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
});

/**
 * Emits events from `lanes` clients at once (a closed loop: it goes as fast as the app answers, whatever the
 * machine's load) until `until()` says stop; returns the webhook ids of every 202.
 */
async function emitWhile(app: AppProcess, lanes: number, until: () => boolean, offset: number) {
  const accepted = new Set<string>();
  let refused = 0;
  const reasons: string[] = [];
  let n = offset;
  const lane = async () => {
    while (!until()) {
      try {
        const answer = await emitEvent(app, n++);
        if (answer.status === 202) for (const webhook of answer.body.webhooks) accepted.add(webhook.id);
        else {
          refused += 1;
          reasons.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      } catch (error) {
        // The web process was killed under this request: it may or may not have been written; it was not accepted.
        refused += 1;
        reasons.push((error as Error).message);
        await sleep(100);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { accepted, refused, reasons, next: n };
}

async function waitNewPid(app: AppProcess, which: "web" | "worker", old: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pid = app.processes()[which];
    if (pid && pid !== old) return pid;
    await sleep(50);
  }
  throw new Error(`the ${which} process was not started again within ${timeoutMs} ms`);
}

function expectAllDelivered(receiver: FaultReceiver, accepted: Set<string>) {
  const keys = new Set(receiver.byKey.keys());
  expect([...accepted].filter((id) => !keys.has(id))).toEqual([]);
}

describe(`npm start's processes killed on ${provider}`, () => {
  it("SIGKILL of the worker process, then of the web process: each is started again and every accepted event is delivered", async () => {
    requireBuild();
    const database = await freshDatabase(provider);
    cleanup.push(() => database.drop());
    const sql = connect(database.url);
    cleanup.push(() => sql.close());
    const receiver = await startFaultReceiver();
    cleanup.push(() => receiver.close());
    const app = await startApp({ databaseUrl: database.url, env: FAULT_ENV, name: "processes" });
    cleanup.push(() => app.kill());
    const first = app.processes();
    expect(first.web).not.toBeNull();
    expect(first.worker).not.toBeNull();
    expect(first.worker).not.toBe(first.web);
    for (let i = 1; i <= 3; i += 1) await createEndpoint(app, receiver.url(`/e${i}`), "hmac");

    // The worker dies while events stream in: the web process keeps accepting; a new worker delivers everything.
    let killedWorkerAt = 0;
    const workerPhase = emitWhile(app, 8, () => killedWorkerAt > 0 && Date.now() - killedWorkerAt > 3_000, 0);
    await receiver.waitFor(() => receiver.requests.length >= 300, 30_000, "300 deliveries before the worker is killed");
    killQuietly(first.worker!, "SIGKILL");
    killedWorkerAt = Date.now();
    const secondWorker = await waitNewPid(app, "worker", first.worker!);
    const one = await workerPhase;
    expect(one.refused, one.reasons.slice(0, 3).join("; ")).toBe(0);

    // The web process dies: the worker keeps delivering what was accepted; a new web process accepts again.
    let killedWebAt = 0;
    const webPhase = emitWhile(app, 8, () => killedWebAt > 0 && Date.now() - killedWebAt > 1_000, one.next);
    await sleep(1_500);
    const sentBeforeWebKill = receiver.requests.length;
    killQuietly(first.web!, "SIGKILL");
    killedWebAt = Date.now();
    const two = await webPhase;
    await waitNewPid(app, "web", first.web!);
    await waitHealthy(app, 60_000);
    expect(app.processes().worker).toBe(secondWorker);
    const backAt = Date.now();
    const three = await emitWhile(app, 8, () => Date.now() - backAt > 3_000, two.next);
    expect(three.accepted.size).toBeGreaterThan(0);
    expect(three.refused, three.reasons.slice(0, 3).join("; ")).toBe(0);

    const accepted = new Set([...one.accepted, ...two.accepted, ...three.accepted]);
    // Events the killed web process was answering may have been written without their 202: they are delivered too.
    const counts = await waitSettled(sql, accepted.size, 60_000);
    expect(Object.keys(counts)).toEqual(["succeeded"]);
    expectAllDelivered(receiver, accepted);
    // Nothing undelivered was left behind by the kills, and the worker delivered while the web process was gone.
    expect(receiver.requests.length).toBeGreaterThan(sentBeforeWebKill);
    const duplicates = [...receiver.byKey.values()].filter((requests) => requests.length > 1);
    for (const requests of duplicates) expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(app.logs.some((line) => /delivery worker stopped \(SIGKILL\); starting it again/.test(line))).toBe(true);
    expect(app.logs.some((line) => /web server stopped \(SIGKILL\); starting it again/.test(line))).toBe(true);
    console.log(
      `[fault] processes on ${provider}: ${accepted.size} webhooks accepted (${two.refused} requests cut by the web kill), ` +
        `${receiver.requests.length} requests, ${duplicates.length} sent twice (same key)`,
    );
  });

  it("wakes the worker in its own process within milliseconds of an accepted event", async () => {
    requireBuild();
    const database = await freshDatabase(provider);
    cleanup.push(() => database.drop());
    const receiver = await startFaultReceiver();
    cleanup.push(() => receiver.close());
    // A long tick: only the wake-up can explain a fast delivery.
    const app = await startApp({
      databaseUrl: database.url,
      env: { ...FAULT_ENV, HOOKLINE_WORKER_INTERVAL_MS: "10000" },
      name: "wake",
    });
    cleanup.push(() => app.kill());
    await createEndpoint(app, receiver.url("/e1"), "hmac");
    await sleep(11_000);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const before = receiver.requests.length;
      const answer = await emitEvent(app, i);
      expect(answer.status).toBe(202);
      await receiver.waitFor(() => receiver.requests.length > before, 5_000, "the delivery");
      latencies.push(receiver.requests.at(-1)!.receivedAt - answer.at);
      await sleep(200);
    }
    latencies.sort((a, b) => a - b);
    console.log(`[fault] wake-up on ${provider}: accepted -> delivered median ${latencies[10].toFixed(1)} ms`);
    expect(latencies[10]).toBeLessThan(500);
  });
});
