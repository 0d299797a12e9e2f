import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { databaseConfig, type DatabaseConfig } from "./config";

/**
 * The client type the app codes against. Both generated clients come from identical models
 * (lib/db/schema.test.ts), so the SQLite client has exactly this shape.
 */
export type Db = PostgresClient;

export function createDb(config: DatabaseConfig = databaseConfig()): Db {
  if (config.provider === "postgresql") {
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 20);
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: config.url, max }) });
  }
  const adapter = new PrismaBetterSqlite3({ url: config.filename, timeout: 5000 }, { timestampFormat: "unixepoch-ms" });
  return new SqliteClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { hooklineDb?: Db; hooklineDbConfig?: DatabaseConfig };

/** The process-wide client (one pool per process, kept across hot reloads in development). */
export function getDb(): Db {
  if (!globalForDb.hooklineDb) {
    globalForDb.hooklineDbConfig = databaseConfig();
    globalForDb.hooklineDb = createDb(globalForDb.hooklineDbConfig);
  }
  return globalForDb.hooklineDb;
}

export function dbProvider(): DatabaseConfig["provider"] {
  return (globalForDb.hooklineDbConfig ??= databaseConfig()).provider;
}

/** Closes the process-wide client (tests and graceful shutdown). */
export async function closeDb(): Promise<void> {
  const db = globalForDb.hooklineDb;
  globalForDb.hooklineDb = undefined;
  globalForDb.hooklineDbConfig = undefined;
  await db?.$disconnect();
}
