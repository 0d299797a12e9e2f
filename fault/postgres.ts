// A PostgreSQL server the fault suite may stop and start. By default a private, throwaway one (initdb in a temp
// folder, its own port): stopping the shared server would cut every other test on this machine off. With
// FAULT_PG_RESTART=main, the machine's own cluster is restarted (pg_ctlcluster), as in a single-user CI.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./app";

export type PgServer = {
  kind: "private" | "main";
  /** postgresql://postgres@host:port/ (add the database name). */
  serverUrl: string;
  stop(): void;
  start(): void;
  /** Started again if it is down (a test that fails mid-outage must not leave it stopped), then removed if private. */
  release(): Promise<void>;
};

function postgresBin(): string {
  const versions = fs.existsSync("/usr/lib/postgresql")
    ? fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = path.join("/usr/lib/postgresql", version, "bin");
    if (fs.existsSync(path.join(bin, "initdb"))) return bin;
  }
  throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql");
}

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function asPostgres(command: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${url}postgres`, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function restartablePostgres(): Promise<PgServer> {
  if (process.env.FAULT_PG_RESTART === "main") {
    const version = fs.readdirSync("/etc/postgresql").sort((a, b) => Number(b) - Number(a))[0];
    const ctl = (action: string) =>
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action], {
        stdio: "pipe",
        timeout: 60_000,
      });
    const serverUrl = new URL(
      "/",
      process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    ).toString();
    return {
      kind: "main",
      serverUrl,
      stop: () => void ctl("stop"),
      start: () => void ctl("start"),
      release: async () => {
        if (!(await reachable(serverUrl))) ctl("start");
      },
    };
  }

  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-fault-pg-"));
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(dir, uid, gid);
  }
  asPostgres(path.join(bin, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--no-sync",
    "--locale=C",
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=32MB`;
  const ctl = (...args: string[]) =>
    asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", ...args]);
  const server: PgServer = {
    kind: "private",
    serverUrl: `postgresql://postgres@127.0.0.1:${port}/`,
    start: () => void ctl("-o", options, "start"),
    stop: () => void ctl("-m", "fast", "stop"),
    release: async () => {
      try {
        ctl("-m", "immediate", "stop");
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  server.start();
  return server;
}
