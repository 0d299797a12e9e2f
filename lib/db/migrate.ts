import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { config as settings } from "../config";
import { migrationsDir, type DatabaseConfig } from "./config";

/** A migration folder as Prisma lays it out: `<timestamp>_<name>/migration.sql`. */
export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Prisma's checksum: SHA-256 (hex) of the migration script's bytes. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/** The few statements the migrator needs, per driver. */
interface MigrationTarget {
  ensureTable(): Promise<void>;
  applied(): Promise<AppliedRow[]>;
  /** Runs the script and records it in one transaction: a failing migration leaves no trace. */
  apply(migration: Migration): Promise<void>;
  close(): Promise<void>;
}

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// Any constant: instances starting together on one database take turns through this advisory lock.
const PG_LOCK_KEY = 72_707_369;

async function postgresTarget(url: string): Promise<MigrationTarget> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
  return {
    ensureTable: async () => void (await client.query(PG_TABLE)),
    applied: async () =>
      (
        await client.query<AppliedRow>(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
        )
      ).rows,
    apply: async (migration) => {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    close: async () => {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => undefined);
      await client.end();
    },
  };
}

function sqliteTarget(filename: string): MigrationTarget {
  if (filename !== ":memory:") fs.mkdirSync(path.dirname(filename), { recursive: true });
  const db = new Database(filename);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  return {
    ensureTable: async () => void db.exec(SQLITE_TABLE),
    applied: async () =>
      db
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
        .all() as AppliedRow[],
    apply: async (migration) => {
      const now = Date.now();
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), migration.checksum, migration.name, now, now);
      }).immediate();
    },
    close: async () => void db.close(),
  };
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, in name order, and returns their names.
 * Refuses to start when an applied migration was edited or a previous one failed half-way.
 */
export async function migrate(
  config: DatabaseConfig = settings().database,
  dir = migrationsDir(config.provider),
): Promise<string[]> {
  const target = config.provider === "postgresql" ? await postgresTarget(config.url) : sqliteTarget(config.filename);
  try {
    await target.ensureTable();
    const applied = new Map((await target.applied()).map((row) => [row.migration_name, row]));
    const done: string[] = [];
    for (const migration of readMigrations(dir)) {
      const row = applied.get(migration.name);
      if (row) {
        if (!row.finished_at && !row.rolled_back_at) {
          throw new MigrationError(
            `Migration ${migration.name} was started but never finished; repair the database, then mark it rolled back.`,
            migration.name,
          );
        }
        if (row.checksum !== migration.checksum && !row.rolled_back_at) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ` +
              `${migration.checksum.slice(0, 12)}… on disk). Restore the original file and put the change in a new migration.`,
            migration.name,
          );
        }
        if (!row.rolled_back_at) continue;
      }
      try {
        await target.apply(migration);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${migration.name} failed: ${reason}`, migration.name);
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await target.close();
  }
}
