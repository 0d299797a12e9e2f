// `npm start`: builds the app when there is no build or the sources are newer than it, then serves it.
// Migrations run inside the server at start-up (instrumentation.ts), so a plain `next start` is enough elsewhere.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
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

// The settings first: a malformed one stops here, naming the variable, before a build is spent. (tsx compiles
// lib/config.ts; the server checks again at start-up, for a plain `next start`.)
const { tsImport } = await import("tsx/esm/api");
const { loadConfig } = await tsImport("../lib/config.ts", import.meta.url);
let settings;
try {
  settings = loadConfig(process.env);
} catch (error) {
  console.error(`[hookline] cannot start: ${error.message}`);
  process.exit(1);
}

const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (!built || Math.max(...sources.map(newestMtime)) > built) {
  console.log("[hookline] building the app (first start, or the sources changed)…");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// PORT and HOSTNAME (the listen address; unset: every interface), as lib/config.ts validated them.
const { port, hostname } = settings.server;
const server = spawn(process.execPath, [next, "start", "-p", String(port), ...(hostname ? ["-H", hostname] : [])], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
