import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Tests only: a real Prometheus (Debian's `prometheus` package, /usr/bin/prometheus) on a loopback port, scraping
 * one target every second, and its HTTP API for PromQL. Without the binary it throws, naming the package: a test
 * that needs it fails, it does not skip.
 */

export const PROMETHEUS_BINARY = process.env.PROMETHEUS_BINARY ?? "/usr/bin/prometheus";

export type Prometheus = {
  url: string;
  /** One instant query; the vector's samples as { labels, value }. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  stop(): Promise<void>;
};

/** A free port on 127.0.0.1 within [from, to] (the engineers' port ranges on a shared machine). */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

export async function startPrometheus(opts: {
  /** host:port of the target. */
  target: string;
  bearerToken?: string;
  port: number;
}): Promise<Prometheus> {
  if (!fs.existsSync(PROMETHEUS_BINARY)) {
    throw new Error(
      `${PROMETHEUS_BINARY} not found: this test needs a real Prometheus. Install Debian's package: apt-get install -y prometheus`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-prometheus-"));
  const auth = opts.bearerToken ? `\n    authorization:\n      credentials: ${JSON.stringify(opts.bearerToken)}` : "";
  fs.writeFileSync(
    path.join(dir, "prometheus.yml"),
    `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: hookline
    metrics_path: /metrics${auth}
    static_configs:
      - targets: [${JSON.stringify(opts.target)}]
`,
  );
  const url = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${opts.port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited (${child.exitCode}): ${stderr}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== "success") throw new Error(`PromQL ${promql}: ${body.error}`);
      return (body.data?.result ?? []).map((sample) => ({ metric: sample.metric, value: Number(sample.value[1]) }));
    },
  };
}
