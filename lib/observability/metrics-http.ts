import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { config } from "@/lib/config";
import { installDatabaseCollector } from "./collect";
import { logger } from "./logger";
import { renderMetrics } from "./metrics";

/**
 * Who may read `/metrics`. On the public port: only a bearer of HOOKLINE_METRICS_TOKEN (without a token the route
 * does not exist there). On HOOKLINE_METRICS_PORT (its own small server, meant for an internal network): anyone,
 * unless a token is set, which is then asked there too.
 */

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether `authorization` (the header) carries the metrics token; compared in constant time. */
export function bearerMatches(authorization: string | null | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

export type MetricsAnswer = { status: number; body: string; headers: Record<string, string> };

/** The answer to a scrape, given the Authorization header and whether it came to the public port. */
export async function answerScrape(
  authorization: string | null | undefined,
  publicPort: boolean,
): Promise<MetricsAnswer> {
  const { token } = config().metrics;
  const text = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  if (publicPort && !token) return { status: 404, body: "Not found\n", headers: text };
  if (token && !bearerMatches(authorization, token)) {
    return {
      status: 401,
      body: "A bearer token is required (HOOKLINE_METRICS_TOKEN).\n",
      headers: { ...text, "WWW-Authenticate": 'Bearer realm="metrics"' },
    };
  }
  installDatabaseCollector();
  const { body, contentType } = await renderMetrics();
  return { status: 200, body, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } };
}

const globalForServer = globalThis as unknown as { hooklineMetricsServer?: http.Server };

/** Starts the metrics server on `port` (HOOKLINE_METRICS_PORT; 0: any free port, for tests). */
export function startMetricsServer(port: number, host?: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    answerScrape(req.headers.authorization, false).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      (error: unknown) => {
        logger().error({ err: error }, "metrics scrape failed");
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("Scrape failed\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** At boot: the metrics server on HOOKLINE_METRICS_PORT, when set (once per process). */
export async function startConfiguredMetricsServer(): Promise<void> {
  const { port } = config().metrics;
  if (port === null || globalForServer.hooklineMetricsServer) return;
  const server = await startMetricsServer(port);
  server.unref();
  globalForServer.hooklineMetricsServer = server;
  logger().info({ port: (server.address() as AddressInfo).port }, "metrics served on their own port");
}
