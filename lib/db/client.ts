import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { config } from "@/lib/config";
import { registerPool } from "@/lib/observability/metrics";
import type { DatabaseConfig } from "./config";

/**
 * The client the app codes against: what both providers can do. Both clients are generated from identical models
 * (lib/db/schema.test.ts); SQLite's is the smaller feature set (no case-insensitive filters, one isolation level),
 * so its type is the common one, and code that compiles against it runs on PostgreSQL too. PostgreSQL's client,
 * whose generated types TypeScript cannot compare with SQLite's, enters this type in one place: createDb.
 */
export type Db = SqliteClient;

/** Connections of the delivery worker's own pool: claims and recordings are written one at a time. */
export const WORKER_POOL_SIZE = 4;

/**
 * `role: "worker"` gives the delivery worker its own small PostgreSQL pool, so API requests and deliveries never
 * wait for each other's connections, with bitmap scans off: a claim must walk the due index in order, and with
 * stale statistics (a burst after a quiet spell) the planner would otherwise read and sort the whole backlog on
 * every claim. JIT is off on both: its compile time dwarfs these short statements.
 */
export function createDb(database: DatabaseConfig = config().database, role: "app" | "worker" = "app"): Db {
  if (database.provider === "postgresql") {
    const worker = role === "worker";
    const max = worker ? WORKER_POOL_SIZE : config().database.poolSize;
    const options = worker ? "-c jit=off -c enable_bitmapscan=off" : "-c jit=off";
    // Our own pool, so hookline_db_pool_connections can report it; the adapter ends it on $disconnect.
    const pool = new pg.Pool({ connectionString: database.url, max, options });
    registerPool(role, pool);
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const client = new PostgresClient({ adapter });
    return client as unknown as Db;
  }
  const adapter = new PrismaBetterSqlite3(
    { url: database.filename, timeout: 5000 },
    { timestampFormat: "unixepoch-ms" },
  );
  return new SqliteClient({ adapter });
}

const globalForDb = globalThis as unknown as {
  hooklineDb?: Db;
  hooklineWorkerDb?: Db;
  hooklineDbConfig?: DatabaseConfig;
};

/** The process-wide client (one pool per process, kept across hot reloads in development). */
export function getDb(): Db {
  if (!globalForDb.hooklineDb) {
    globalForDb.hooklineDbConfig = config().database;
    globalForDb.hooklineDb = createDb(globalForDb.hooklineDbConfig);
  }
  return globalForDb.hooklineDb;
}

/** The delivery worker's client: its own pool on PostgreSQL; the process-wide client on SQLite (one writer anyway). */
export function getWorkerDb(): Db {
  const db = getDb();
  if (dbProvider() !== "postgresql") return db;
  return (globalForDb.hooklineWorkerDb ??= createDb(globalForDb.hooklineDbConfig, "worker"));
}

export function dbProvider(): DatabaseConfig["provider"] {
  return (globalForDb.hooklineDbConfig ??= config().database).provider;
}

/** Closes the process-wide client (tests and graceful shutdown). */
export async function closeDb(): Promise<void> {
  const clients = [globalForDb.hooklineDb, globalForDb.hooklineWorkerDb];
  globalForDb.hooklineDb = undefined;
  globalForDb.hooklineWorkerDb = undefined;
  globalForDb.hooklineDbConfig = undefined;
  await Promise.all(clients.map((db) => db?.$disconnect()));
}

/** Whether the database answers a trivial query within `timeoutMs` (the health check). */
export async function pingDb(timeoutMs: number, db: Db = getDb()): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.$queryRawUnsafe("SELECT 1").then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
