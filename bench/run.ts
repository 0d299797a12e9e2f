// `npm run bench`: delivery and log-query figures of the production build on PostgreSQL and SQLite, printed as a
// table (not a test). All traffic stays on 127.0.0.1. Settings (environment):
//   BENCH_DBS=postgresql,sqlite   BENCH_REPEAT=3   BENCH_EVENTS_FANOUT1=4000   BENCH_EVENTS_FANOUT5=2000 (halved on SQLite)
//   BENCH_EMIT_CONCURRENCY=32   BENCH_LATENCY_SECONDS=6   BENCH_LOG_ROWS=1000000   BENCH_SQLITE_LOG_ROWS=1000000 (0 skips)
//   BENCH_OBSERVABILITY=1 (0 skips the metrics-and-tracing comparison)   BENCH_OBSERVABILITY_EVENTS=1500 (halved on SQLite)
//   BENCH_ONLY=observability (only that comparison)   BENCH_ONLY=drain (the raw ceiling and the backlog drain, printed)
//   BENCH_DRAIN_SQL='DROP INDEX ...' (run on the database before the drains: an experiment)
//   BENCH_TENANCY_ROWS=1000000 (webhooks over 100 organizations, PostgreSQL; 0 skips)
//   TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres (the server the bench makes its databases on; its settings are printed)
//   BENCH_APP_ENV='{"HOOKLINE_WORKER_CONCURRENCY":"64"}' (extra settings for the app)   HOOKLINE_APP_DIR (the build's folder)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { APP_DIR, ensureBuild } from "@/fault/app";
import type { Provider } from "@/fault/db";
import { cpuBound, describeCpu, type CpuPerUnit } from "./cpu";
import { describePostgres } from "./postgres-server";
import { measureDelivery, measureDrain, type DeliveryFigures } from "./delivery";
import { measureLogQueries, type LogQueryFigures } from "./log-queries";
import { measureObservability, type ObservabilityFigures } from "./observability";
import { measureTenancyQueries, ORGANIZATIONS, type TenancyFigures } from "./tenancy-queries";

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(value) ? value : fallback;
};

const providers = (process.env.BENCH_DBS ?? "postgresql,sqlite").split(",").map((p) => p.trim()) as Provider[];
const repeat = num("BENCH_REPEAT", 3);
const appEnv = JSON.parse(process.env.BENCH_APP_ENV ?? "{}") as Record<string, string>;
const logRows = { postgresql: num("BENCH_LOG_ROWS", 1_000_000), sqlite: num("BENCH_SQLITE_LOG_ROWS", 1_000_000) };
const tenancyRows = num("BENCH_TENANCY_ROWS", 1_000_000);
const started = Date.now();
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

ensureBuild(APP_DIR);
// The PostgreSQL server's version and the settings that change these figures most, printed with them: a server with
// autovacuum off (this machine's CI configuration) keeps every dead row of the queue's indexes, and the claims and
// counts that walk them grow slower run after run.
const postgresServer = providers.includes("postgresql") ? await describePostgres() : null;
const delivery: Partial<Record<Provider, DeliveryFigures>> = {};
const logs: Partial<Record<Provider, LogQueryFigures>> = {};
const observability: Partial<Record<Provider, ObservabilityFigures>> = {};
const only = process.env.BENCH_ONLY;
if (only === "drain") {
  for (const provider of providers) {
    const scale = provider === "sqlite" ? 0.5 : 1;
    const figures = await measureDrain(provider, {
      repeat,
      eventsFanout1: 0,
      eventsFanout5: Math.round(num("BENCH_EVENTS_FANOUT5", 2_000) * scale),
      emitConcurrency: num("BENCH_EMIT_CONCURRENCY", 32),
      latencySeconds: 0,
      latencyRate: 0,
      env: { HOOKLINE_RETRY_SCHEDULE: "1s,2s", ...appEnv },
      log,
    });
    const share = Math.round((figures.drain / figures.rawCeiling) * 100);
    if (figures.cpu) log(`${provider}: drain, median ${describeCpu(figures.cpu, "delivery")}`);
    log(
      `${provider}: drain ${Math.round(figures.drain)} deliveries/s (median of ${figures.runs.drains.map(Math.round).join(", ")}), raw ceiling ${Math.round(figures.rawCeiling)} req/s: ${share}%; load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  }
  process.exit(0);
}
for (const provider of only === "observability" ? [] : providers) {
  log(`${provider}: delivery figures`);
  // SQLite, one writer, runs about half as fast: half the events keep its runs as long.
  const scale = provider === "sqlite" ? 0.5 : 1;
  delivery[provider] = await measureDelivery(provider, {
    repeat,
    eventsFanout1: Math.round(num("BENCH_EVENTS_FANOUT1", 4_000) * scale),
    eventsFanout5: Math.round(num("BENCH_EVENTS_FANOUT5", 2_000) * scale),
    emitConcurrency: num("BENCH_EMIT_CONCURRENCY", 32),
    latencySeconds: num("BENCH_LATENCY_SECONDS", 6),
    latencyRate: 100,
    env: { HOOKLINE_RETRY_SCHEDULE: "1s,2s", ...appEnv },
    log,
  });
}
for (const provider of only === "observability" ? [] : providers) {
  if (logRows[provider] > 0) logs[provider] = await measureLogQueries(provider, logRows[provider], 7, log);
}
// Seeded with PostgreSQL's generate_series: the multi-tenant figure is PostgreSQL's.
const tenancy: TenancyFigures | null =
  providers.includes("postgresql") && tenancyRows > 0 ? await measureTenancyQueries(tenancyRows, 7, log) : null;

if (num("BENCH_OBSERVABILITY", 1) !== 0) {
  for (const provider of providers) {
    log(`${provider}: metrics and tracing, off vs on`);
    observability[provider] = await measureObservability(provider, {
      repeat,
      events: Math.round(num("BENCH_OBSERVABILITY_EVENTS", 1_500) * (provider === "sqlite" ? 0.5 : 1)),
      emitConcurrency: num("BENCH_EMIT_CONCURRENCY", 32),
      env: { HOOKLINE_RETRY_SCHEDULE: "1s,2s", ...appEnv },
      log,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The table.

const int = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? "–" : Math.round(n).toLocaleString("en-US");
const ms = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? "–" : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const pct = (a: number | undefined, b: number | undefined) =>
  a === undefined || !b ? "–" : `${Math.round((a / b) * 100)}%`;
const cols = providers.map((p) => (p === "postgresql" ? "PostgreSQL 15" : "SQLite"));
const rows: [string, ...string[]][] = [];
const row = (label: string, fn: (p: Provider) => string, target = "") =>
  rows.push([label, ...providers.map(fn), target]);
const d = (p: Provider) => delivery[p];

row("raw ceiling (no database), requests/s", (p) => int(d(p)?.rawCeiling), "");
row("deliveries/s, fan-out 1", (p) => int(d(p)?.fanout1), "≥ 2,000");
row("  ratio to the raw ceiling", (p) => pct(d(p)?.fanout1, d(p)?.rawCeiling), "");
row("deliveries/s, fan-out 5", (p) => int(d(p)?.fanout5), "≥ 5,000");
row("  ratio to the raw ceiling", (p) => pct(d(p)?.fanout5, d(p)?.rawCeiling), "");
row("deliveries/s, backlog drain (worker alone)", (p) => int(d(p)?.drain), "≥ 6,000");
row("  ratio to the raw ceiling", (p) => pct(d(p)?.drain, d(p)?.rawCeiling), "≥ 25%");
row("  HOT updates of webhooks rows", (p) => (d(p)?.hot ? pct(d(p)!.hot!.hotUpdates, d(p)!.hot!.updates) : "–"), "");
// Where the cores went (bench/cpu.ts): CPU per delivery of the system's processes, and the rate two cores allow at it.
const cpuRow = (label: string, pick: (f: DeliveryFigures) => CpuPerUnit | null) =>
  row(label, (p) => {
    const cpu = d(p) && pick(d(p)!);
    return cpu ? `${cpu.total.toFixed(2)} ms (${int(cpuBound(cpu))}/s)` : "–";
  });
cpuRow("CPU per delivery, all processes (what the cores allow): fan-out 1", (f) => f.cpu.fanout1);
cpuRow("  fan-out 5", (f) => f.cpu.fanout5);
cpuRow("  drain", (f) => f.cpu.drain);
row(
  "  drain: worker / PostgreSQL / receiver",
  (p) => {
    const cpu = d(p)?.cpu.drain;
    return cpu ? `${cpu.worker.toFixed(2)} / ${cpu.postgres.toFixed(2)} / ${cpu.receiver.toFixed(2)} ms` : "–";
  },
  "",
);
row("ingestion, accepted events/s (32 clients)", (p) => int(d(p)?.ingestion.perSecond), "≥ 2,000");
row("  response time p50 / p99", (p) => `${ms(d(p)?.ingestion.p50)} / ${ms(d(p)?.ingestion.p99)}`, "p99 < 50 ms");
row("batch ingestion, events/s (500 per request, 4 at once)", (p) => int(d(p)?.batch.perSecond), "≥ 20,000");
row("  deliveries/s until the batches were delivered", (p) => int(d(p)?.batch.deliveriesPerSecond), "");
row("accepted → delivered at 100/s, p50", (p) => ms(d(p)?.latency.p50), "keep (1.5 ms)");
row("  p99", (p) => ms(d(p)?.latency.p99), "keep (4.5 ms)");
row("  max", (p) => ms(d(p)?.latency.max), "");
row("peak RSS of npm start (processes summed)", (p) => (d(p) ? `${int(d(p)!.rssMb)} MB` : "–"), "< 300 MB");
row(
  "  web / worker / npm start itself",
  (p) => (d(p) ? `${int(d(p)!.rss.web)} / ${int(d(p)!.rss.worker)} / ${int(d(p)!.rss.supervisor)} MB` : "–"),
  "",
);
row(
  "  without heap limits: peak RSS, fan-out 5 (vs with)",
  (p) =>
    d(p)
      ? `${int(d(p)!.uncapped.rssMb)} MB, ${int(d(p)!.uncapped.fanout5)}/s (${int(d(p)!.uncapped.cappedFanout5)}/s)`
      : "–",
  "≤ 5% slower with",
);
row("fan-out 5, metrics and tracing off, deliveries/s", (p) => int(observability[p]?.off), "");
row("  with metrics (scraped) and tracing (OTLP) on", (p) => int(observability[p]?.on), "");
row(
  "  cost of metrics and tracing",
  (p) => {
    const o = observability[p];
    return o ? `${(((o.off - o.on) / o.off) * 100).toFixed(1)}%` : "–";
  },
  "< 5%",
);
const queryNames = [...new Set(Object.values(logs).flatMap((l) => Object.keys(l!.timings)))];
for (const name of queryNames) {
  row(`log at 1M webhooks: ${name}`, (p) => (logs[p] ? ms(logs[p]!.timings[name]) : "skipped"), "< 100 ms");
}
for (const name of Object.keys(tenancy?.timings ?? {})) {
  row(
    `${ORGANIZATIONS} organizations, 1M webhooks: ${name}`,
    (p) => (p === "postgresql" && tenancy ? ms(tenancy.timings[name]) : "–"),
    "< 100 ms",
  );
}

const header = ["", ...cols, "target"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(
  `\nHookline benchmark, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, Node ${process.versions.node}; medians of ${repeat} runs`,
);
console.log(
  `worker concurrency ${Object.values(delivery)[0]?.concurrency}, HMAC endpoints, receiver answers 200 at once\n`,
);
if (postgresServer) console.log(`${postgresServer}\n`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));

const resultsDir = path.join(import.meta.dirname, "results");
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      cores: os.cpus().length,
      node: process.versions.node,
      repeat,
      appEnv,
      delivery,
      logs,
      observability,
      tenancy,
    },
    null,
    2,
  ),
);
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s; every run in ${path.relative(process.cwd(), file)})`);
