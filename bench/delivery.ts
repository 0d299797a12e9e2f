// The delivery figures of one database: raw ceiling, throughput at fan-out 1 and 5, ingestion, latency, RSS.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  api,
  closedLoop,
  createEndpoint,
  emitEvent,
  peakRssOfApp,
  sleep,
  startApp,
  type AppProcess,
} from "@/fault/app";
import { connect, freshDatabase, type Provider, type Sql } from "@/fault/db";
import { DEFAULT_CONCURRENCY } from "@/lib/webhooks/delivery/settings";
import { startBenchReceiver, type BenchReceiver } from "./receiver";
import { cpuPerUnit, cpuSnapshot, describeCpu, medianCpu, type CpuPerUnit } from "./cpu";
import { median, percentile } from "./stats";

export type DeliveryFigures = {
  provider: Provider;
  concurrency: number;
  rawCeiling: number;
  fanout1: number;
  fanout5: number;
  /** The worker alone: a backlog drained with nothing else going on (deliveries/s). */
  drain: number;
  ingestion: { perSecond: number; p50: number; p99: number };
  /** POST /events/batch: events accepted per second, and deliveries/s until all of them succeeded (fan-out 1). */
  batch: { perSecond: number; deliveriesPerSecond: number; size: number };
  latency: { p50: number; p99: number; max: number; samples: number };
  /** Peak RSS of `npm start` (its processes summed) and of each, default settings. */
  rssMb: number;
  rss: { web: number; worker: number; supervisor: number };
  /** A fan-out-5 run with V8's heap left at its default size (no --max-old-space-size): peak RSS and deliveries/s. */
  uncapped: { rssMb: number; fanout5: number; cappedFanout5: number };
  /** PostgreSQL: of the updates of webhooks rows during the drains, how many were HOT (no index entry written). */
  hot: { updates: number; hotUpdates: number } | null;
  /** CPU per delivery by process (bench/cpu.ts), medians: where the cores went in each kind of run. */
  cpu: { fanout1: CpuPerUnit | null; fanout5: CpuPerUnit | null; drain: CpuPerUnit | null };
  runs: Record<string, number[]>;
};

/** The heap limit of the comparison run: V8's own sizing, in effect. */
const UNCAPPED_HEAP_MB = "4096";

export type DeliveryOptions = {
  repeat: number;
  eventsFanout1: number;
  eventsFanout5: number;
  emitConcurrency: number;
  latencySeconds: number;
  latencyRate: number;
  env: Record<string, string>;
  log: (line: string) => void;
};

const SAMPLE_BODY = JSON.stringify({
  webhook_type: "invoice.created",
  object_type: "invoice",
  invoice: { lago_id: "obj_1234", sequential_id: 1234, total_amount_cents: 2234, currency: "EUR" },
});

/** Requests/s of plain keep-alive POSTs to the receiver from another process, no database. */
async function rawCeiling(receiver: BenchReceiver, concurrency: number, durationMs: number): Promise<number> {
  const bodyFile = path.join(os.tmpdir(), `hookline-bench-body-${process.pid}.json`);
  fs.writeFileSync(bodyFile, SAMPLE_BODY);
  const child = spawn(
    process.execPath,
    [
      path.join(import.meta.dirname, "raw-client.mjs"),
      receiver.url("/raw"),
      String(concurrency),
      String(durationMs),
      bodyFile,
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.on("exit", resolve));
  fs.rmSync(bodyFile, { force: true });
  return (JSON.parse(out) as { perSecond: number }).perSecond;
}

export async function succeeded(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM "webhooks" WHERE "status" = 'succeeded'`,
  );
  return Number(row.n);
}

async function unfinished(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM "webhooks" WHERE "status" IN ('pending', 'retrying')`,
  );
  return Number(row.n);
}

/**
 * Waits until no webhook is pending or retrying and returns when that was seen. The poll asks only whether one is
 * left (the claim's small partial indexes), never how many succeeded: a count of the whole history grew with every
 * run and took PostgreSQL 25 ms every 20 ms by the end of a bench, a cost (and a growth) that fell on the figures.
 */
async function waitUnfinished(sql: Sql, timeoutMs: number, pollMs = 50): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ busy }] = await sql.query<{ busy: boolean | number }>(
      `SELECT EXISTS (SELECT 1 FROM "webhooks" WHERE "status" IN ('pending', 'retrying')) AS busy`,
    );
    if (!busy) return performance.now();
    if (Date.now() > deadline) throw new Error(`webhooks still undelivered after ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

/** Waits until every webhook accepted so far is delivered; the succeeded count, read once, must reach `target`. */
export async function waitSucceeded(sql: Sql, target: number, timeoutMs: number): Promise<number> {
  const at = await waitUnfinished(sql, timeoutMs, 20);
  const n = await succeeded(sql);
  if (n < target) throw new Error(`${target - n} webhooks failed`);
  return at;
}

/** Posts `events` events as fast as `concurrency` allows and waits until every webhook succeeded. */
async function throughputRun(
  app: AppProcess,
  sql: Sql,
  events: number,
  fanout: number,
  concurrency: number,
  offset: number,
) {
  const before = await succeeded(sql);
  const started = performance.now();
  const { results, errors, errorMessages, ms } = await closedLoop(events, concurrency, (i) =>
    emitEvent(app, offset + i),
  );
  const refused = results.filter((r) => r.status !== 202);
  if (errors || refused.length) {
    throw new Error(
      `${errors} requests failed and ${refused.length} were refused: ${errorMessages[0] ?? JSON.stringify(refused[0]?.body)}`,
    );
  }
  const done = await waitSucceeded(sql, before + events * fanout, 180_000);
  const times = results.map((r) => r.ms);
  return {
    deliveriesPerSecond: (events * fanout * 1000) / (done - started),
    ingestion: { perSecond: (events * 1000) / ms, p50: percentile(times, 50), p99: percentile(times, 99) },
  };
}

/** `events` events through POST /events/batch, `size` per request, `concurrency` requests at once. */
async function batchRun(app: AppProcess, sql: Sql, events: number, size: number, concurrency: number, offset: number) {
  const before = await succeeded(sql);
  const started = performance.now();
  const requests = Math.ceil(events / size);
  const { results, errors, errorMessages, ms } = await closedLoop(requests, concurrency, (r) =>
    api<{ results: unknown[] }>(app, "POST", "/api/v1/events/batch", {
      events: Array.from({ length: Math.min(size, events - r * size) }, (_, i) => {
        const n = offset + r * size + i;
        return {
          webhook_type: "invoice.created",
          object_type: "invoice",
          object: { lago_id: `obj_${n}`, sequential_id: n, total_amount_cents: 1000 + n, currency: "EUR" },
        };
      }),
    }),
  );
  const refused = results.filter((r) => r.status !== 202);
  if (errors || refused.length)
    throw new Error(
      `batch: ${errors} failed, ${refused.length} refused: ${errorMessages[0] ?? JSON.stringify(refused[0]?.body)}`,
    );
  const done = await waitSucceeded(sql, before + events, 180_000);
  return { perSecond: (events * 1000) / ms, deliveriesPerSecond: (events * 1000) / (done - started) };
}

/** Steady `rate` events/s for `seconds`: from each 202 to the receiver's arrival of its webhook. */
async function latencyRun(app: AppProcess, receiver: BenchReceiver, rate: number, seconds: number, offset: number) {
  await receiver.record(true);
  const accepted = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const total = rate * seconds;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(
      emitEvent(app, offset + i).then((answer) => {
        for (const webhook of answer.body.webhooks) accepted.set(webhook.id, answer.at);
      }),
    );
  }
  await Promise.all(pending);
  const deadline = Date.now() + 30_000;
  let arrivals = await receiver.arrivals();
  while (arrivals.size < accepted.size && Date.now() < deadline) {
    await sleep(100);
    arrivals = await receiver.arrivals();
  }
  await receiver.record(false);
  const latencies = [...accepted].map(([id, at]) => (arrivals.get(id) ?? Number.POSITIVE_INFINITY) - at);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    samples: latencies.length,
  };
}

/** PostgreSQL's count of updates of webhooks rows, and of those that were HOT (null on SQLite). */
async function hotCounts(sql: Sql): Promise<{ updates: number; hotUpdates: number } | null> {
  if (sql.provider !== "postgresql") return null;
  // The statistics reach the view within a moment of each transaction.
  await sleep(1_000);
  const [row] = await sql.query<{ upd: string; hot: string }>(
    `SELECT n_tup_upd AS upd, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = 'webhooks'`,
  );
  return { updates: Number(row.upd), hotUpdates: Number(row.hot) };
}

/**
 * The worker alone: events ingested by an instance with its worker off (fan-out to every endpoint there is), then an
 * instance with the worker started and its drain timed, `repeat` times. `BENCH_DRAIN_SQL` runs first (an experiment).
 */
async function drainRuns(url: string, db: Sql, options: DeliveryOptions, offset: number, log: (line: string) => void) {
  const provider = db.provider;
  const backlog = options.eventsFanout5;
  const [{ n: endpointCount }] = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM "webhook_endpoints"`,
  );
  const deliveries = backlog * Number(endpointCount);
  if (process.env.BENCH_DRAIN_SQL) await db.query(process.env.BENCH_DRAIN_SQL);
  const drains: number[] = [];
  const cpus: CpuPerUnit[] = [];
  const hotBefore = await hotCounts(db);
  const ingestOnly = await startApp({
    databaseUrl: url,
    env: { ...options.env, HOOKLINE_WORKER: "off" },
    name: `bench-${provider}-ingest`,
  });
  for (let r = 0; r < options.repeat; r += 1) {
    await closedLoop(backlog, options.emitConcurrency, (i) => emitEvent(ingestOnly, offset + i));
    offset += backlog;
    const drainer = await startApp({ databaseUrl: url, env: options.env, name: `bench-${provider}-drain` });
    // The worker starts with the server, before it answers: the rate is taken from the first count on.
    const from = performance.now();
    const cpuFrom = cpuSnapshot();
    const left = await unfinished(db);
    const done = await waitUnfinished(db, 180_000);
    const cpu = cpuPerUnit(cpuFrom, cpuSnapshot(), left);
    drains.push((left * 1000) / (done - from));
    cpus.push(cpu);
    log(`drain of ${deliveries}: ${Math.round(drains.at(-1)!)} deliveries/s; ${describeCpu(cpu, "delivery")}`);
    await drainer.stop();
  }
  await ingestOnly.stop();
  const hotAfter = await hotCounts(db);
  const hot =
    hotBefore && hotAfter
      ? { updates: hotAfter.updates - hotBefore.updates, hotUpdates: hotAfter.hotUpdates - hotBefore.hotUpdates }
      : null;
  if (hot) log(`drains: ${hot.hotUpdates} of ${hot.updates} webhooks updates were HOT`);
  return { drains, hot, cpu: medianCpu(cpus) };
}

/** `BENCH_ONLY=drain`: the raw ceiling and the drain of a backlog to 5 endpoints, nothing else. */
export async function measureDrain(provider: Provider, options: DeliveryOptions) {
  const concurrency = Number(options.env.HOOKLINE_WORKER_CONCURRENCY ?? DEFAULT_CONCURRENCY);
  const database = await freshDatabase(provider);
  const receiver = await startBenchReceiver();
  const db = connect(database.url);
  try {
    const rawCeilings: number[] = [];
    for (let r = 0; r < options.repeat; r += 1) rawCeilings.push(await rawCeiling(receiver, concurrency, 3_000));
    options.log(`raw ceiling: ${rawCeilings.map((n) => Math.round(n)).join(", ")} req/s`);
    const app = await startApp({
      databaseUrl: database.url,
      env: { ...options.env, HOOKLINE_WORKER: "off" },
      name: `bench-${provider}-setup`,
    });
    for (let i = 1; i <= 5; i += 1) await createEndpoint(app, receiver.url(`/e${i}`), "hmac");
    await app.stop();
    const { drains, hot, cpu } = await drainRuns(database.url, db, options, 0, options.log);
    return {
      provider,
      concurrency,
      rawCeiling: median(rawCeilings),
      drain: median(drains),
      hot,
      cpu,
      runs: { rawCeilings, drains },
    };
  } finally {
    await db.close();
    await receiver.close();
    await database.drop();
  }
}

/** Runs the app on a fresh database of `provider` and measures it. */
export async function measureDelivery(provider: Provider, options: DeliveryOptions): Promise<DeliveryFigures> {
  const { log } = options;
  const concurrency = Number(options.env.HOOKLINE_WORKER_CONCURRENCY ?? DEFAULT_CONCURRENCY);
  const database = await freshDatabase(provider);
  const receiver = await startBenchReceiver();
  let app: AppProcess | null = null;
  const sql = () => connect(database.url);
  let db: Sql | null = null;
  const runs: Record<string, number[]> = {
    rawCeiling: [],
    fanout1: [],
    fanout5: [],
    drain: [],
    ingestion: [],
    ingestionP50: [],
    ingestionP99: [],
    batch: [],
    batchDeliveries: [],
  };
  try {
    for (let r = 0; r < options.repeat; r += 1) runs.rawCeiling.push(await rawCeiling(receiver, concurrency, 3_000));
    log(`raw ceiling: ${runs.rawCeiling.map((n) => Math.round(n)).join(", ")} req/s`);

    app = await startApp({ databaseUrl: database.url, env: options.env, name: `bench-${provider}` });
    db = sql();
    const endpoints = [await createEndpoint(app, receiver.url("/e1"), "hmac")];
    let offset = 0;
    // Warm-up: the first requests compile routes and fill pools.
    await throughputRun(app, db, 500, 1, options.emitConcurrency, offset);
    offset += 500;

    const cpuFanout1: CpuPerUnit[] = [];
    for (let r = 0; r < options.repeat; r += 1) {
      const cpuFrom = cpuSnapshot();
      const run = await throughputRun(app, db, options.eventsFanout1, 1, options.emitConcurrency, offset);
      cpuFanout1.push(cpuPerUnit(cpuFrom, cpuSnapshot(), options.eventsFanout1));
      offset += options.eventsFanout1;
      runs.fanout1.push(run.deliveriesPerSecond);
      runs.ingestion.push(run.ingestion.perSecond);
      runs.ingestionP50.push(run.ingestion.p50);
      runs.ingestionP99.push(run.ingestion.p99);
      log(
        `fan-out 1: ${Math.round(run.deliveriesPerSecond)} deliveries/s; ingestion ${Math.round(run.ingestion.perSecond)} events/s, p50 ${run.ingestion.p50.toFixed(1)} ms, p99 ${run.ingestion.p99.toFixed(1)} ms; ${describeCpu(cpuFanout1.at(-1)!, "delivery")}`,
      );
    }

    const latencies = [];
    for (let r = 0; r < options.repeat; r += 1) {
      const run = await latencyRun(app, receiver, options.latencyRate, options.latencySeconds, offset);
      offset += options.latencyRate * options.latencySeconds;
      latencies.push(run);
      log(
        `latency at ${options.latencyRate}/s: p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, max ${run.max.toFixed(1)} ms`,
      );
    }

    const batchSize = 500;
    const batchEvents = options.eventsFanout1 * 5;
    for (let r = 0; r < options.repeat; r += 1) {
      const run = await batchRun(app, db, batchEvents, batchSize, 4, offset);
      offset += batchEvents;
      runs.batch.push(run.perSecond);
      runs.batchDeliveries.push(run.deliveriesPerSecond);
      log(
        `batch of ${batchEvents} in requests of ${batchSize}: ${Math.round(run.perSecond)} events/s accepted, ${Math.round(run.deliveriesPerSecond)} deliveries/s`,
      );
    }

    for (let i = 2; i <= 5; i += 1) endpoints.push(await createEndpoint(app, receiver.url(`/e${i}`), "hmac"));
    const cpuFanout5: CpuPerUnit[] = [];
    for (let r = 0; r < options.repeat; r += 1) {
      const cpuFrom = cpuSnapshot();
      const run = await throughputRun(app, db, options.eventsFanout5, 5, options.emitConcurrency, offset);
      cpuFanout5.push(cpuPerUnit(cpuFrom, cpuSnapshot(), options.eventsFanout5 * 5));
      offset += options.eventsFanout5;
      runs.fanout5.push(run.deliveriesPerSecond);
      log(
        `fan-out 5: ${Math.round(run.deliveriesPerSecond)} deliveries/s; ${describeCpu(cpuFanout5.at(-1)!, "delivery")}`,
      );
    }
    const rss = peakRssOfApp(app);
    log(
      `peak RSS: ${Math.round(rss.total)} MB (web ${Math.round(rss.web)}, worker ${Math.round(rss.worker)}, npm start ${Math.round(rss.supervisor)})`,
    );
    await app.stop();
    app = null;

    const { drains, hot, cpu: cpuDrain } = await drainRuns(database.url, db, options, offset, log);
    runs.drain.push(...drains);
    offset += options.repeat * options.eventsFanout5;

    // The same fan-out-5 run with V8's heap at its own sizing: what the default limits cost in throughput.
    const uncapped = await startApp({
      databaseUrl: database.url,
      env: { ...options.env, HOOKLINE_WEB_HEAP_MB: UNCAPPED_HEAP_MB, HOOKLINE_WORKER_HEAP_MB: UNCAPPED_HEAP_MB },
      name: `bench-${provider}-uncapped`,
    });
    // Warmed up as the main instance was (its first requests compile routes and fill the JIT).
    const warmUp = Math.round(options.eventsFanout5 / 2);
    await throughputRun(uncapped, db, warmUp, 5, options.emitConcurrency, offset);
    offset += warmUp;
    const uncappedRun = await throughputRun(uncapped, db, options.eventsFanout5, 5, options.emitConcurrency, offset);
    offset += options.eventsFanout5;
    const uncappedRss = peakRssOfApp(uncapped).total;
    log(
      `heap uncapped: fan-out 5 ${Math.round(uncappedRun.deliveriesPerSecond)} deliveries/s, peak RSS ${Math.round(uncappedRss)} MB`,
    );
    await uncapped.stop();

    const latency = {
      p50: median(latencies.map((l) => l.p50)),
      p99: median(latencies.map((l) => l.p99)),
      max: Math.max(...latencies.map((l) => l.max)),
      samples: latencies.reduce((n, l) => n + l.samples, 0),
    };
    return {
      provider,
      concurrency,
      rawCeiling: median(runs.rawCeiling),
      fanout1: median(runs.fanout1),
      fanout5: median(runs.fanout5),
      drain: median(runs.drain),
      ingestion: { perSecond: median(runs.ingestion), p50: median(runs.ingestionP50), p99: median(runs.ingestionP99) },
      batch: { perSecond: median(runs.batch), deliveriesPerSecond: median(runs.batchDeliveries), size: batchSize },
      latency,
      rssMb: rss.total,
      rss: { web: rss.web, worker: rss.worker, supervisor: rss.supervisor },
      cpu: { fanout1: medianCpu(cpuFanout1), fanout5: medianCpu(cpuFanout5), drain: cpuDrain },
      uncapped: {
        rssMb: uncappedRss,
        fanout5: uncappedRun.deliveriesPerSecond,
        cappedFanout5: median(runs.fanout5),
      },
      hot,
      runs,
    };
  } finally {
    await app?.kill();
    await db?.close();
    await receiver.close();
    await database.drop();
  }
}
