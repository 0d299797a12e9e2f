// Real app processes for the fault suite and the benchmark: `next start` on the production build, its own port,
// database and environment; logs captured; killed by pid only.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");
/** Where the built app lives: the repository, or HOOKLINE_APP_DIR (a private copy, so a build does not disturb others). */
export const APP_DIR = path.resolve(process.env.HOOKLINE_APP_DIR ?? REPO_ROOT);

const SOURCES = ["app", "components", "lib", "instrumentation.ts", "next.config.js", "package.json", "prisma"];
const SKIP = new Set(["generated", "node_modules"]);

function newestMtime(full: string): number {
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(full))
    if (!SKIP.has(child)) newest = Math.max(newest, newestMtime(path.join(full, child)));
  return newest;
}

/** Whether `.next` holds a production build newer than every source (scripts/start.mjs's rule). */
export function buildIsFresh(dir = APP_DIR): boolean {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return Math.max(...SOURCES.map((s) => newestMtime(path.join(dir, s)))) <= built;
}

/** Runs `next build` when the build is missing or older than the sources. */
export function ensureBuild(dir = APP_DIR): void {
  if (buildIsFresh(dir)) return;
  console.log(`[harness] building the app in ${dir} (no build, or the sources changed)…`);
  const result = spawnSync(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

/** The production build must exist (the fault suite runs after `next build`). */
export function requireBuild(dir = APP_DIR): void {
  if (!fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    throw new Error(`No production build in ${dir}/.next: run \`next build\` first (npm test does).`);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const API_KEY = "hl_fault_and_bench_key_0123456789abcdef";

/**
 * The fault suite's settings: short lease (7 s: the 2 s delivery timeout + 5 s), fast retries, a short idle tick.
 * Four attempts in all.
 */
export const FAULT_ENV: Record<string, string> = {
  HOOKLINE_LEASE_MS: "3000",
  HOOKLINE_DELIVERY_TIMEOUT_MS: "2000",
  HOOKLINE_RETRY_SCHEDULE: "200ms,500ms,1s",
  HOOKLINE_WORKER_INTERVAL_MS: "200",
};

export type AppProcess = {
  port: number;
  baseUrl: string;
  /** `npm start`'s process (scripts/start.mjs), or `next start`'s when started with `supervised: false`. */
  pid: number;
  /** The processes `npm start` runs now (a restarted one has a new pid): the web server, and the worker if apart. */
  processes(): { web: number | null; worker: number | null };
  child: ChildProcess;
  /** Every line the server wrote (stdout and stderr), in order. */
  logs: string[];
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM: the worker finishes and records its deliveries in flight. */
  stop(): Promise<void>;
};

export type StartOptions = {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  name?: string;
  /** Print the server's lines as they come (HARNESS_VERBOSE=1 does it for every app). */
  verbose?: boolean;
  /** Extra node flags for `next start` (e.g. --cpu-prof for a profile); only with `supervised: false`. */
  nodeArgs?: string[];
  /**
   * true (the default): run as `npm start` does (scripts/start.mjs: the web server and, by default, the delivery
   * worker in its own process, restarted when it dies); false: a bare `next start` with the worker inside it.
   */
  supervised?: boolean;
};

/** Starts `next start` on the build and waits until GET /api/health answers 200. */
export async function startApp(options: StartOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const name = options.name ?? `app:${port}`;
  const verbose = options.verbose ?? process.env.HARNESS_VERBOSE === "1";
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    HOOKLINE_API_KEY: API_KEY,
    HOOKLINE_ALLOW_PRIVATE_URLS: "true",
    HOOKLINE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "fault-and-bench-only-secret",
    ...options.env,
  };
  const supervised = options.supervised ?? true;
  if (supervised && options.nodeArgs?.length) throw new Error("nodeArgs need supervised: false");
  Object.assign(env, { PORT: String(port), HOSTNAME: "127.0.0.1" });
  const args = supervised
    ? [path.join(APP_DIR, "scripts/start.mjs")]
    : [
        ...(options.nodeArgs ?? []),
        path.join(APP_DIR, "node_modules/next/dist/bin/next"),
        "start",
        "-p",
        String(port),
        "-H",
        "127.0.0.1",
      ];
  const child = spawn(process.execPath, args, {
    cwd: APP_DIR,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        logs.push(line);
        if (verbose) console.log(`[${name}] ${line}`);
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const signal = async (sig: NodeJS.Signals) => {
    if (!gone) child.kill(sig);
    await exited;
  };
  // scripts/start.mjs says "[hookline] web server: process 123" for each process it starts.
  const processes = () => {
    const latest = (label: string) => {
      for (let i = logs.length - 1; i >= 0; i -= 1) {
        const match = logs[i].match(new RegExp(`^\\[hookline\\] ${label}: process (\\d+)`));
        if (match) return Number(match[1]);
      }
      return null;
    };
    return supervised
      ? { web: latest("web server"), worker: latest("delivery worker") }
      : { web: child.pid ?? null, worker: null };
  };
  const app: AppProcess = {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    processes,
    child,
    logs,
    exited,
    // The whole instance dies at once, as on a power cut: its processes first, so none is told to stop gracefully.
    kill: async () => {
      if (!gone) for (const pid of Object.values(processes())) if (pid) killQuietly(pid, "SIGKILL");
      await signal("SIGKILL");
    },
    stop: async () => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await signal("SIGTERM");
      clearTimeout(timer);
    },
  };
  try {
    await waitHealthy(app, 90_000, () => gone);
  } catch (error) {
    await app.kill();
    throw new Error(`${name} did not start: ${(error as Error).message}\n${logs.slice(-30).join("\n")}`);
  }
  return app;
}

/** Sends a signal to a pid that may be gone already. */
export function killQuietly(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Polls GET /api/health until it answers 200. */
export async function waitHealthy(
  app: Pick<AppProcess, "baseUrl">,
  timeoutMs = 60_000,
  gone = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (gone()) throw new Error("the process exited");
    try {
      const response = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`not healthy after ${timeoutMs} ms (${last})`);
}

export type Health = {
  status: string;
  database: { ok: boolean; provider: string };
  worker: { enabled: boolean; running: boolean; lastPassAt: string | null; lastPassFailed: boolean; inFlight: number };
};

export async function health(app: Pick<AppProcess, "baseUrl">): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Health };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Peak resident memory of `npm start`: its own and that of each process it runs now, summed (an upper bound). */
export function peakRssOfApp(app: Pick<AppProcess, "pid" | "processes">): {
  total: number;
  web: number;
  worker: number;
  supervisor: number;
} {
  const { web, worker } = app.processes();
  const of = (pid: number | null) => (pid === null ? 0 : (peakRssMb(pid) ?? 0));
  const figures = { supervisor: web === app.pid ? 0 : of(app.pid), web: of(web), worker: of(worker) };
  return { ...figures, total: figures.supervisor + figures.web + figures.worker };
}

/** Peak resident memory of a process (VmHWM, else VmRSS), in MB; null once it is gone. */
export function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(status.match(/^VmHWM:\s+(\d+)/m)?.[1] ?? status.match(/^VmRSS:\s+(\d+)/m)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A keep-alive client for the app's API.

const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** `ms`: the response time; `at`: when the answer was complete (ms since the epoch, sub-millisecond). */
export type ApiAnswer<T = unknown> = { status: number; body: T; ms: number; at: number };

/** One JSON request to the app with the API key; never throws on an HTTP status (only on a network error). */
export async function api<T = unknown>(
  app: Pick<AppProcess, "port">,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  try {
    return await send<T>(app, method, urlPath, body, headers);
  } catch (error) {
    // A kept-alive socket the server closed as we reused it: the request never reached the app; send it again.
    if ((error as { reusedSocket?: boolean }).reusedSocket) return send<T>(app, method, urlPath, body, headers);
    throw error;
  }
}

function send<T>(
  app: Pick<AppProcess, "port">,
  method: string,
  urlPath: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<ApiAnswer<T>> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: app.port,
        method,
        path: urlPath,
        agent: apiAgent,
        headers: {
          authorization: `Bearer ${API_KEY}`,
          ...(payload ? { "content-type": "application/json", "content-length": String(payload.length) } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const at = performance.timeOrigin + performance.now();
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: response.statusCode ?? 0, body: parsed as T, ms: performance.now() - started, at });
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("API request timed out")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      const raced = request.reusedSocket && (error.code === "ECONNRESET" || error.message === "socket hang up");
      reject(Object.assign(error, { reusedSocket: raced }));
    });
    request.end(payload);
  });
}

export type EmitAnswer = { event: { id: string }; webhooks: { id: string; endpoint_id: string; status: string }[] };

/** POST /api/v1/events with a small invoice. */
export function emitEvent(
  app: Pick<AppProcess, "port">,
  n: number,
  type = "invoice.created",
): Promise<ApiAnswer<EmitAnswer>> {
  return api<EmitAnswer>(app, "POST", "/api/v1/events", {
    event: {
      webhook_type: type,
      object_type: type.split(".")[0],
      object: { lago_id: `obj_${n}`, sequential_id: n, total_amount_cents: 1000 + n, currency: "EUR" },
    },
  });
}

/** Creates an endpoint through the API and returns its id. */
export async function createEndpoint(
  app: Pick<AppProcess, "port">,
  url: string,
  signatureAlgo = "hmac",
  eventTypes: string[] | null = null,
): Promise<string> {
  const answer = await api<{ webhook_endpoint: { lago_id: string } }>(app, "POST", "/api/v1/webhook_endpoints", {
    webhook_endpoint: { webhook_url: url, signature_algo: signatureAlgo, event_types: eventTypes },
  });
  if (answer.status !== 200)
    throw new Error(`creating the endpoint ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.webhook_endpoint.lago_id;
}

/**
 * Sends `total` requests with at most `concurrency` at once; returns when all are answered. `make(i)` starts
 * request i. Errors are counted, not thrown.
 */
export async function closedLoop<T>(
  total: number,
  concurrency: number,
  make: (i: number) => Promise<T>,
): Promise<{ results: T[]; errors: number; errorMessages: string[]; ms: number }> {
  const results: T[] = [];
  const errorMessages: string[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < total) {
      const i = next++;
      try {
        results.push(await make(i));
      } catch (error) {
        errorMessages.push(`request ${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return { results, errors: errorMessages.length, errorMessages, ms: performance.now() - started };
}
