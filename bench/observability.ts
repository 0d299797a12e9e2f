// What metrics and tracing cost: fan-out-5 throughput of the app with both off, then with both on (a
// HOOKLINE_METRICS_TOKEN scraped every 5 s, and spans exported over OTLP/HTTP to a sink that drains them), each run
// on a fresh app process, alternating, medians of `repeat` runs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closedLoop, createEndpoint, emitEvent, sleep, startApp, type AppProcess } from "@/fault/app";
import { connect, freshDatabase, type Provider, type Sql } from "@/fault/db";
import { succeeded, waitSucceeded } from "./delivery";
import { startBenchReceiver } from "./receiver";
import { median } from "./stats";

export type ObservabilityFigures = { off: number; on: number; runs: { off: number[]; on: number[] }; spans: number };

const METRICS_TOKEN = "bench-metrics-token-0123456789";

/** An OTLP/HTTP sink: reads each export and answers 200, counting bytes (no decoding: it must cost the bench little). */
async function otlpSink() {
  let exports = 0;
  const server = http.createServer((req, res) => {
    req.on("data", () => undefined);
    req.on("end", () => {
      exports += 1;
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function run(app: AppProcess, sql: Sql, events: number, concurrency: number, offset: number): Promise<number> {
  const before = await succeeded(sql);
  const started = performance.now();
  const { errors, errorMessages } = await closedLoop(events, concurrency, (i) => emitEvent(app, offset + i));
  if (errors) throw new Error(`${errors} requests failed: ${errorMessages[0]}`);
  const done = await waitSucceeded(sql, before + events * 5, 180_000);
  return (events * 5 * 1000) / (done - started);
}

export async function measureObservability(
  provider: Provider,
  options: {
    repeat: number;
    events: number;
    emitConcurrency: number;
    env: Record<string, string>;
    log: (line: string) => void;
  },
): Promise<ObservabilityFigures> {
  const database = await freshDatabase(provider);
  const receiver = await startBenchReceiver();
  const sink = await otlpSink();
  const sql = connect(database.url);
  const runs = { off: [] as number[], on: [] as number[] };
  let offset = 0;
  try {
    for (let r = 0; r < options.repeat; r += 1) {
      for (const mode of ["off", "on"] as const) {
        const env =
          mode === "on"
            ? { ...options.env, HOOKLINE_METRICS_TOKEN: METRICS_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }
            : options.env;
        const app = await startApp({ databaseUrl: database.url, env, name: `bench-${provider}-observability-${mode}` });
        let scraping = mode === "on";
        const scraper = (async () => {
          while (scraping) {
            const answer = await fetch(`${app.baseUrl}/metrics`, {
              headers: { authorization: `Bearer ${METRICS_TOKEN}` },
            });
            if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}`);
            await answer.text();
            await sleep(5_000);
          }
        })();
        try {
          if (offset === 0) for (let i = 1; i <= 5; i += 1) await createEndpoint(app, receiver.url(`/o${i}`), "hmac");
          // Warm-up: routes compiled, pools filled.
          await run(app, sql, 300, options.emitConcurrency, offset);
          offset += 300;
          const perSecond = await run(app, sql, options.events, options.emitConcurrency, offset);
          offset += options.events;
          runs[mode].push(perSecond);
          options.log(`observability ${mode}: fan-out 5 ${Math.round(perSecond)} deliveries/s`);
        } finally {
          scraping = false;
          await scraper.catch((error: unknown) => options.log(`scrape failed: ${String(error)}`));
          await app.stop();
        }
      }
    }
    return { off: median(runs.off), on: median(runs.on), runs, spans: sink.exports() };
  } finally {
    await sql.close();
    await sink.close();
    await receiver.close();
    await database.drop();
  }
}
