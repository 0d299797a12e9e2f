import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { config } from "@/lib/config";
import type { DatabaseConfig } from "./config";

/**
 * The client type the app codes against. Both generated clients come from identical models
 * (lib/db/schema.test.ts), so the SQLite client has exactly this shape.
 */
export type Db = PostgresClient;

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
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url, max, options }) });
  }
  const adapter = new PrismaBetterSqlite3({ url: database.filename, timeout: 5000 }, { timestampFormat: "unixepoch-ms" });
  return new SqliteClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { hooklineDb?: Db; hooklineWorkerDb?: Db; hooklineDbConfig?: DatabaseConfig };

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
