import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** Every run starts from an empty database: the first visit must show "Create the admin account". */
export default async function globalSetup() {
  fs.mkdirSync("test-results", { recursive: true });
  fs.rmSync("e2e/artifacts", { recursive: true, force: true });
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  const url = process.env.E2E_DATABASE_URL;
  if (!url) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.resolve(`test-results/e2e.db${suffix}`), { force: true });
    return;
  }
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}
