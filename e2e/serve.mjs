// The browser tests' server: an empty database of the chosen kind, then the production build on it.
// (Playwright starts the web server before globalSetup, so the reset must happen here.)
import { spawn } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

const url = process.env.DATABASE_URL;
if (url?.startsWith("file:")) {
  const file = url.slice("file:".length);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
} else if (url) {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

const [port, host] = process.argv.slice(2);
const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
