// The upgrade into organizations: a database with data from before (every migration up to the one before
// 20261201060000_organizations) is migrated the rest of the way; everything it held becomes the Default
// organization's, its operators Default's admins (the oldest the owner), its keys Default's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrationsDir } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { createEmptyDatabase, testProvider, type TestDatabase } from "@/lib/test/db";
import { DEFAULT_ORGANIZATION_ID } from "./context";

const ORGANIZATIONS = "20261201060000_organizations";

const databases: TestDatabase[] = [];
afterEach(async () => {
  while (databases.length) await databases.pop()!.drop();
});

/** Runs statements (`?` placeholders) on the test database; returns the last one's rows. */
async function sql(database: TestDatabase, statements: [string, unknown[]?][]): Promise<Record<string, unknown>[]> {
  let last: Record<string, unknown>[] = [];
  if (database.config.provider === "sqlite") {
    const db = new Database(database.config.filename);
    try {
      for (const [text, values = []] of statements) {
        const statement = db.prepare(text);
        last = statement.reader
          ? (statement.all(...values) as Record<string, unknown>[])
          : (statement.run(...values), []);
      }
    } finally {
      db.close();
    }
    return last;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const [text, values = []] of statements) {
      let n = 0;
      last = (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          values,
        )
      ).rows;
    }
  } finally {
    await client.end();
  }
  return last;
}

/** The migrations before organizations, in a folder of their own. */
function migrationsBeforeOrganizations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-before-organizations-"));
  for (const name of fs.readdirSync(migrationsDir(testProvider)))
    if (!/^\d{14}_/.test(name) || name < ORGANIZATIONS)
      fs.cpSync(path.join(migrationsDir(testProvider), name), path.join(dir, name), { recursive: true });
  return dir;
}

describe(`the upgrade into organizations on ${testProvider}`, () => {
  it("moves an existing installation's data into the Default organization, with its operators and keys", async () => {
    const database = await createEmptyDatabase();
    databases.push(database);
    await migrate(database.config, migrationsBeforeOrganizations());
    const at = (iso: string) => (testProvider === "sqlite" ? new Date(iso).getTime() : new Date(iso));
    const older = at("2026-01-01T00:00:00Z");
    const newer = at("2026-02-01T00:00:00Z");
    await sql(database, [
      [
        `INSERT INTO "operators" ("id", "email", "passwordHash", "createdAt", "updatedAt") VALUES (?, ?, 'h', ?, ?), (?, ?, 'h', ?, ?)`,
        ["op-2", "second@example.com", newer, newer, "op-1", "first@example.com", older, older],
      ],
      [
        `INSERT INTO "api_keys" ("id", "name", "prefix", "keyHash", "createdAt") VALUES ('key-1', 'CI', 'hl_x', 'hash-1', ?)`,
        [older],
      ],
      [
        `INSERT INTO "webhook_endpoints" ("id", "url", "signatureAlgo", "secret", "createdAt", "updatedAt") VALUES ('ep-1', 'https://a.example/hook', 'hmac', 's', ?, ?)`,
        [older, older],
      ],
      [
        `INSERT INTO "events" ("id", "webhookType", "objectType", "body", "idempotencyKey", "createdAt") VALUES ('ev-1', 'invoice.created', 'invoice', '{}', 'idem-1', ?)`,
        [older],
      ],
      [
        `INSERT INTO "webhooks" ("id", "eventId", "endpointId", "webhookType", "objectType", "status", "createdAt", "updatedAt") VALUES ('wh-1', 'ev-1', 'ep-1', 'invoice.created', 'invoice', 'failed', ?, ?)`,
        [older, older],
      ],
    ]);

    const applied = await migrate(database.config);
    expect(applied[0]).toBe(ORGANIZATIONS);

    const one = async (text: string) => (await sql(database, [[text]]))[0];
    expect(await sql(database, [[`SELECT "id", "name", "externalId" FROM "organizations"`]])).toEqual([
      { id: DEFAULT_ORGANIZATION_ID, name: "Default", externalId: null },
    ]);
    const operators = await sql(database, [[`SELECT "id", "isOwner" FROM "operators" ORDER BY "id"`]]);
    expect(operators.map((o) => [o.id, Boolean(o.isOwner)])).toEqual([
      ["op-1", true],
      ["op-2", false],
    ]);
    expect(
      await sql(database, [[`SELECT "organizationId", "operatorId", "role" FROM "memberships" ORDER BY "operatorId"`]]),
    ).toEqual([
      { organizationId: DEFAULT_ORGANIZATION_ID, operatorId: "op-1", role: "admin" },
      { organizationId: DEFAULT_ORGANIZATION_ID, operatorId: "op-2", role: "admin" },
    ]);
    for (const table of ["api_keys", "webhook_endpoints", "events", "webhooks"])
      expect(await one(`SELECT DISTINCT "organizationId" AS o FROM "${table}"`), table).toEqual({
        o: DEFAULT_ORGANIZATION_ID,
      });

    // Uniqueness is now per organization: the same URL and Idempotency-Key in another organization are accepted.
    const now = testProvider === "sqlite" ? Date.now() : new Date();
    await sql(database, [
      [`INSERT INTO "organizations" ("id", "name", "updatedAt") VALUES ('org-b', 'B', ?)`, [now]],
      [
        `INSERT INTO "webhook_endpoints" ("id", "organizationId", "url", "signatureAlgo", "secret", "updatedAt") VALUES ('ep-2', 'org-b', 'https://a.example/hook', 'hmac', 's', ?)`,
        [now],
      ],
      [
        `INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "body", "idempotencyKey") VALUES ('ev-2', 'org-b', 'invoice.created', 'invoice', '{}', 'idem-1')`,
      ],
    ]);
    await expect(
      sql(database, [
        [
          `INSERT INTO "webhook_endpoints" ("id", "organizationId", "url", "signatureAlgo", "secret", "updatedAt") VALUES ('ep-3', 'org-b', 'https://a.example/hook', 'hmac', 's', ?)`,
          [now],
        ],
      ]),
    ).rejects.toThrow(/unique|UNIQUE/);

    // A row that does not name its organization: refused on PostgreSQL (the default is gone); SQLite keeps the
    // backfill's default in its DDL (dropping it would rebuild the table), and the app never relies on it.
    const unnamed = sql(database, [
      [
        `INSERT INTO "events" ("id", "webhookType", "objectType", "body") VALUES ('ev-3', 'invoice.created', 'invoice', '{}')`,
      ],
    ]);
    if (testProvider === "postgresql") await expect(unnamed).rejects.toThrow(/organizationId/);
    else await unnamed;
  });
});
