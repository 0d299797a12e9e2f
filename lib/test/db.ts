import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDb, getDb, type Db } from "@/lib/db/client";
import { databaseConfig, type DatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

/** Which database the tests run on: TEST_DB=postgresql or sqlite (the default). */
export const testProvider = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";

/** The server the PostgreSQL test databases are created on (a database per test file, dropped after). */
export const TEST_PG_SERVER = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; config: DatabaseConfig; drop(): Promise<void> };

/** Creates an empty database of the test provider; nothing is migrated yet. */
export async function createEmptyDatabase(provider = testProvider): Promise<TestDatabase> {
  const name = `hookline_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-test-"));
    const url = `file:${path.join(dir, `${name}.db`)}`;
    return { url, config: databaseConfig(url), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: TEST_PG_SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const server = new URL(TEST_PG_SERVER);
  server.pathname = `/${name}`;
  const url = server.toString();
  return {
    url,
    config: databaseConfig(url),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_SERVER });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A migrated database of the test provider, made the process-wide one (DATABASE_URL and getDb()).
 * Call in beforeAll; call `teardown` in afterAll.
 */
export async function setupTestDb(): Promise<{ db: Db; url: string; teardown(): Promise<void> }> {
  const database = await createEmptyDatabase();
  await migrate(database.config);
  await closeDb();
  process.env.DATABASE_URL = database.url;
  return {
    db: getDb(),
    url: database.url,
    teardown: async () => {
      await closeDb();
      await database.drop();
    },
  };
}

/** Empties every table but the migrations' record, between tests that share one database. */
export async function resetDb(db: Db): Promise<void> {
  await db.attempt.deleteMany();
  await db.webhook.deleteMany();
  await db.event.deleteMany();
  await db.webhookEndpoint.deleteMany();
  await db.apiKey.deleteMany();
  await db.invitation.deleteMany();
  await db.membership.deleteMany();
  await db.operator.deleteMany();
  // The Default organization stays, as a migrated database has it.
  await db.organization.deleteMany({ where: { id: { not: DEFAULT_ORGANIZATION_ID } } });
  await db.loginThrottle.deleteMany();
  await db.setting.deleteMany();
}
