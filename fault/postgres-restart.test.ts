// PostgreSQL goes away mid-run and comes back: the app says so (logs, GET /api/health), recovers by itself and
// loses no accepted event.
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import {
  createEndpoint,
  emitEvent,
  FAULT_ENV,
  health,
  requireBuild,
  sleep,
  startApp,
  type ApiAnswer,
  type EmitAnswer,
  type Health,
} from "./app";
import { connect, waitSettled } from "./db";
import { restartablePostgres } from "./postgres";
import { startFaultReceiver } from "./receiver";

const onPostgres = process.env.TEST_DB === "postgresql";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
});

const OUTAGE_MS = 4_000;

describe.skipIf(!onPostgres)("PostgreSQL restarted mid-run", () => {
  it("the outage shows in the logs and GET /api/health, the worker survives it, and every accepted event is delivered", async () => {
    requireBuild();
    const server = await restartablePostgres();
    // Registered first, run last: the server is up again (or removed) whatever happens.
    cleanup.push(() => server.release());
    const admin = new pg.Client({ connectionString: `${server.serverUrl}postgres` });
    await admin.connect();
    const name = `hookline_fault_restart_${Date.now().toString(36)}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = `${server.serverUrl}${name}`;
    cleanup.push(async () => {
      const client = new pg.Client({ connectionString: `${server.serverUrl}postgres` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    });
    const sql = connect(url);
    cleanup.push(() => sql.close());
    // Answers taking 300 ms keep deliveries in flight when the server goes: their results cannot be recorded.
    const receiver = await startFaultReceiver({ "/b": "delayed" });
    cleanup.push(() => receiver.close());
    const app = await startApp({ databaseUrl: url, env: FAULT_ENV, name: "pg-restart" });
    cleanup.push(() => app.kill());
    for (const path of ["/a", "/b"]) await createEndpoint(app, receiver.url(path), "hmac");

    // A steady 50 events/s from before the outage to after it.
    const accepted: ApiAnswer<EmitAnswer>[] = [];
    let refused = 0;
    let emitting = true;
    const emitter = (async () => {
      for (let i = 0; emitting; i += 1) {
        void emitEvent(app, i)
          .then((answer) => (answer.status === 202 ? accepted.push(answer) : (refused += 1)))
          .catch(() => (refused += 1));
        await sleep(20);
      }
    })();
    await sleep(2_000);
    expect((await health(app)).status).toBe(200);

    server.stop();
    const during: Health[] = [];
    const outageEnds = Date.now() + OUTAGE_MS;
    while (Date.now() < outageEnds) {
      const answer = await health(app);
      expect(answer.status).toBe(503);
      during.push(answer.body);
      await sleep(250);
    }
    server.start();
    const upAgain = Date.now();
    let healthy: Health | null = null;
    while (!healthy && Date.now() - upAgain < 30_000) {
      const answer = await health(app).catch(() => null);
      if (answer?.status === 200) healthy = answer.body;
      else await sleep(200);
    }
    const recoveredMs = Date.now() - upAgain;
    await sleep(2_000);
    emitting = false;
    await emitter;
    await sleep(500);

    // Reported: database down, the worker still running and its passes failing, errors in the log.
    expect(during.every((h) => h.status === "error" && h.database.ok === false && h.worker.running)).toBe(true);
    expect(during.some((h) => h.worker.lastPassFailed)).toBe(true);
    expect(app.logs.some((line) => /delivery worker pass failed/.test(line))).toBe(true);
    expect(app.logs.some((line) => /could not record/.test(line))).toBe(true);
    // Recovered without a restart: same process, healthy, and the worker passes again.
    expect(healthy).not.toBeNull();
    expect(app.child.exitCode).toBeNull();
    expect(refused).toBeGreaterThan(0);

    const ids = accepted.flatMap((answer) => answer.body.webhooks.map((w) => w.id));
    expect(ids.length).toBe(accepted.length * 2);
    const counts = await waitSettled(sql, ids.length, 60_000);
    expect(counts).toEqual({ succeeded: ids.length });
    expect(ids.filter((id) => !receiver.byKey.has(id))).toEqual([]);
    expect((await health(app)).body.worker.lastPassFailed).toBe(false);
    console.log(
      `[fault] PostgreSQL (${server.kind}) down ${OUTAGE_MS} ms: ${accepted.length} events accepted, ${refused} refused during the outage; ` +
        `healthy ${recoveredMs} ms after the restart; ${ids.length} webhooks delivered, ${receiver.requests.length - ids.length} sent twice`,
    );
  });
});
