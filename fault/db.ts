// Direct SQL on the app's database, from outside the app: what a test or the benchmark checks against.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseConfig } from "@/lib/db/config";
import { createEmptyDatabase, type TestDatabase } from "@/lib/test/db";

export type Provider = "sqlite" | "postgresql";

export type Sql = {
  provider: Provider;
  /** `?` placeholders on both providers. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

export function connect(url: string): Sql {
  const config = databaseConfig(url);
  if (config.provider === "postgresql") {
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
    // A restarted server drops idle connections; the pool replaces them on the next query.
    pool.on("error", () => undefined);
    return {
      provider: "postgresql",
      query: async <T>(text: string, params: unknown[] = []) => {
        let n = 0;
        return (
          await pool.query(
            text.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows as T[];
      },
      close: () => pool.end(),
    };
  }
  let db: Database.Database | null = null;
  const open = () => {
    if (!db) {
      db = new Database(config.filename, { fileMustExist: true });
      db.pragma("busy_timeout = 10000");
    }
    return db;
  };
  return {
    provider: "sqlite",
    query: async <T>(text: string, params: unknown[] = []) => {
      const statement = open().prepare(text);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    },
    close: async () => void db?.close(),
  };
}

/** A fresh, empty database of `provider` (the app migrates it at start-up); `drop()` removes it. */
export function freshDatabase(provider: Provider): Promise<TestDatabase> {
  return createEmptyDatabase(provider);
}

/** Webhook counts by status. */
export async function statusCounts(sql: Sql): Promise<Record<string, number>> {
  const rows = await sql.query<{ status: string; n: number | string }>(
    `SELECT "status", count(*) AS n FROM "webhooks" GROUP BY "status"`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Waits until no webhook is pending or retrying (or a leased one is still out); returns the final counts. */
export async function waitSettled(sql: Sql, expected: number, timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let counts: Record<string, number> = {};
  for (;;) {
    counts = await statusCounts(sql);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total >= expected && !counts.pending && !counts.retrying) return counts;
    if (Date.now() > deadline)
      throw new Error(`webhooks not settled after ${timeoutMs} ms: ${JSON.stringify(counts)} of ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
