import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrationsDir } from "./config";
import { checksumOf, migrate, MigrationError } from "./migrate";
import { createEmptyDatabase, testProvider, type TestDatabase } from "@/lib/test/db";

const databases: TestDatabase[] = [];
afterEach(async () => {
  while (databases.length) await databases.pop()!.drop();
});

async function freshDatabase() {
  const database = await createEmptyDatabase();
  databases.push(database);
  return database;
}

/** A private copy of the real migrations folder that a test may edit. */
function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-migrations-"));
  fs.cpSync(migrationsDir(testProvider), dir, { recursive: true });
  return dir;
}

async function rows(database: TestDatabase, sql: string): Promise<Record<string, unknown>[]> {
  if (database.config.provider === "sqlite") {
    const db = new Database(database.config.filename);
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe(`migrator on ${testProvider}`, () => {
  it("applies every migration to an empty database and records it as Prisma does", async () => {
    const database = await freshDatabase();
    const applied = await migrate(database.config);
    const names = fs
      .readdirSync(migrationsDir(testProvider))
      .filter((n) => /^\d{14}_/.test(n))
      .sort();
    expect(applied).toEqual(names);

    const recorded = await rows(
      database,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(names);
    const firstSql = fs.readFileSync(path.join(migrationsDir(testProvider), names[0], "migration.sql"), "utf8");
    expect(recorded[0].checksum).toBe(checksumOf(firstSql));
    expect(recorded[0].finished_at).not.toBeNull();
    expect(Number(recorded[0].applied_steps_count)).toBe(1);
    // The schema exists: the webhooks table can be queried.
    expect(await rows(database, `SELECT count(*) AS n FROM "webhooks"`)).toHaveLength(1);
  });

  it("does nothing on a second run", async () => {
    const database = await freshDatabase();
    await migrate(database.config);
    expect(await migrate(database.config)).toEqual([]);
    const recorded = await rows(database, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded).toHaveLength(fs.readdirSync(migrationsDir(testProvider)).filter((n) => /^\d{14}_/.test(n)).length);
  });

  it("refuses an applied migration that was edited afterwards", async () => {
    const database = await freshDatabase();
    const dir = copyOfMigrations();
    await migrate(database.config, dir);
    const first = fs
      .readdirSync(dir)
      .filter((n) => /^\d{14}_/.test(n))
      .sort()[0];
    fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- an innocent-looking edit\n");
    await expect(migrate(database.config, dir)).rejects.toThrow(
      new RegExp(`Migration ${first} was edited after it was applied`),
    );
  });

  it("stops on a failing migration with its name and the database error, recording nothing of it", async () => {
    const database = await freshDatabase();
    const dir = copyOfMigrations();
    fs.mkdirSync(path.join(dir, "29990101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `ALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;`,
    );
    const failure = await migrate(database.config, dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toMatch(/Migration 29990101000000_broken failed: .*no_such_table/);
    const recorded = await rows(database, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).not.toContain("29990101000000_broken");
  });
});
