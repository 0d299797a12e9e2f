// `npm start`: builds the app when there is no build or the sources are newer than it, then serves it: the web
// process (scripts/web.mjs: Next.js, and the lean path for POST /api/v1/events) and, by default, the delivery worker.
// Migrations run inside the server at start-up (instrumentation.ts), so a plain `next start` is enough elsewhere.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = [
  "app",
  "components",
  "lib",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "package.json",
  "prisma",
];
const skip = new Set(["generated", "node_modules"]);

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(full)) {
    if (!skip.has(child)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

// The worker and the settings check are bundled with esbuild (half a second) at each start, so the processes run
// plain JavaScript: no TypeScript loader in memory beside them.
const bundleDir = path.join(root, "node_modules", ".cache", "hookline");
const bundled = spawnSync(
  path.join(root, "node_modules", ".bin", "esbuild"),
  [
    "scripts/worker.ts",
    "scripts/settings.ts",
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--target=node20",
    "--packages=external",
    `--outdir=${bundleDir}`,
    "--out-extension:.js=.mjs",
    "--log-level=warning",
  ],
  { cwd: root, stdio: "inherit" },
);
if (bundled.status !== 0) process.exit(bundled.status ?? 1);

// The settings first: a malformed one stops here, naming the variable, before a build is spent. (The server checks
// again at start-up, for a plain `next start`.)
const checked = spawnSync(process.execPath, [path.join(bundleDir, "settings.mjs")], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  encoding: "utf8",
});
if (checked.status !== 0) process.exit(checked.status ?? 1);
const settings = JSON.parse(checked.stdout);

const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (!built || Math.max(...sources.map(newestMtime)) > built) {
  console.log("[hookline] building the app (first start, or the sources changed)…");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// PORT and HOSTNAME (the listen address; unset: every interface), as lib/config.ts validated them.
const { port, hostname } = settings.server;
const { worker } = settings;
// The worker in a process of its own (HOOKLINE_WORKER_MODE=process, the default): deliveries get a core of their own
// instead of sharing the server's one JavaScript thread. Its socket carries wake-ups (SQLite) and its status.
const apart = worker.enabled && worker.mode === "process";
const socket = apart ? path.join(os.tmpdir(), `hookline-worker-${process.pid}.sock`) : null;
const env = { ...process.env, ...(socket ? { HOOKLINE_WORKER_SOCKET: socket } : {}) };

const children = {
  // Next's production server behind a small Node server of ours (scripts/web.mjs), which answers
  // POST /api/v1/events(/batch) itself unless HOOKLINE_LEAN_EVENTS=off.
  web: {
    label: "web server",
    args: () => [
      `--max-old-space-size=${worker.heapMb.web}`,
      path.join(root, "scripts", "web.mjs"),
      String(port),
      ...(hostname ? [hostname] : []),
    ],
    stdio: "inherit",
  },
  ...(apart
    ? {
        worker: {
          label: "delivery worker",
          args: () => [`--max-old-space-size=${worker.heapMb.worker}`, path.join(bundleDir, "worker.mjs")],
          // An IPC channel only so the worker notices when this process is gone (SIGKILL) and stops.
          stdio: ["inherit", "inherit", "inherit", "ipc"],
        },
      }
    : {}),
};

let stopping = false;
const running = new Map();

// A process that exits on its own is started again, waiting 1 s, 2 s, 4 s… up to 30 s; after five failures in a row
// that each lasted less than 30 s (a setting or the database refusing), everything stops.
const RESTART_MAX_MS = 30_000;
const GIVE_UP_AFTER = 5;
function start(name, failures = 0) {
  const spec = children[name];
  const startedAt = Date.now();
  const child = spawn(process.execPath, spec.args(), { cwd: root, env, stdio: spec.stdio });
  running.set(name, child);
  console.log(`[hookline] ${spec.label}: process ${child.pid}`);
  child.on("exit", (code, signal) => {
    running.delete(name);
    if (stopping) {
      if (running.size === 0) process.exit(0);
      return;
    }
    const lived = Date.now() - startedAt;
    const streak = lived > RESTART_MAX_MS ? 1 : failures + 1;
    if (streak > GIVE_UP_AFTER) {
      console.error(`[hookline] the ${spec.label} keeps stopping (${signal ?? `exit ${code}`}); stopping everything`);
      stop(code || 1);
      return;
    }
    const wait = Math.min(1000 * 2 ** (streak - 1), RESTART_MAX_MS);
    console.error(
      `[hookline] the ${spec.label} stopped (${signal ?? `exit ${code}`}); starting it again in ${wait} ms`,
    );
    setTimeout(() => !stopping && start(name, streak), wait);
  });
}

let exitCode = 0;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (running.size === 0) process.exit(code);
  for (const child of running.values()) child.kill("SIGTERM");
  // Whatever has not finished its deliveries in 30 s is killed; its leases expire as a killed worker's do.
  setTimeout(() => {
    for (const child of running.values()) child.kill("SIGKILL");
    process.exit(exitCode);
  }, 30_000).unref();
}
process.on("exit", () => {
  if (socket) fs.rmSync(socket, { force: true });
  process.exitCode = exitCode;
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));
for (const name of Object.keys(children)) start(name);
