import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import {
  authenticateApiKey,
  createApiKey,
  ensureEnvApiKey,
  ENV_API_KEY_NAME,
  hashApiKey,
  KEY_CACHE_MS,
  LAST_USED_RESOLUTION_MS,
  listApiKeys,
  revokeApiKey,
} from "./api-keys";
import { DEFAULT_ORG } from "@/lib/test/organizations";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

describe(`API keys on ${testProvider}`, () => {
  it("creates a key shown once, stored only as its SHA-256 hash and a short prefix", async () => {
    const created = await createApiKey(DEFAULT_ORG, "  CI pipeline ");
    expect(created.name).toBe("CI pipeline");
    expect(created.key).toMatch(/^hl_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBe(11);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key);

    const listed = await listApiKeys(DEFAULT_ORG);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("keyHash");
    expect(listed[0]).toMatchObject({
      id: created.id,
      name: "CI pipeline",
      prefix: created.prefix,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it("refuses an empty or overlong name and writes nothing", async () => {
    for (const name of ["", "   ", "x".repeat(101)]) {
      await expect(createApiKey(DEFAULT_ORG, name)).rejects.toBeInstanceOf(AppError);
    }
    expect(await db.apiKey.count()).toBe(0);
  });

  it("authenticates the key and nothing else", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "app");
    expect(await authenticateApiKey(key)).toMatchObject({ id, name: "app" });
    expect(await authenticateApiKey(`${key}x`)).toBeNull();
    expect(await authenticateApiKey(key.slice(0, -1))).toBeNull();
    expect(await authenticateApiKey("")).toBeNull();
    expect(await authenticateApiKey(null)).toBeNull();
    expect(await authenticateApiKey("x".repeat(10_000))).toBeNull();
  });

  it("refuses a revoked key at once; revoking twice changes nothing; an unknown id is not found", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "app");
    const revoked = await revokeApiKey(DEFAULT_ORG, id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(key)).toBeNull();
    expect((await revokeApiKey(DEFAULT_ORG, id)).revokedAt).toEqual(revoked.revokedAt);
    await expect(revokeApiKey(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("keeps a key that authenticated for KEY_CACHE_MS: a revocation by another instance counts within it", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "app");
    const t0 = new Date();
    expect(await authenticateApiKey(key, t0)).toMatchObject({ id });
    // Another instance revokes it: this one's cache does not know yet.
    await db.apiKey.update({ where: { id }, data: { revokedAt: t0 } });
    expect(await authenticateApiKey(key, new Date(t0.getTime() + KEY_CACHE_MS - 1))).toMatchObject({ id });
    expect(await authenticateApiKey(key, new Date(t0.getTime() + KEY_CACHE_MS))).toBeNull();
  });

  it("updates lastUsedAt at most once a minute", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "app");
    const t0 = new Date("2026-01-01T00:00:00Z");
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime();

    await authenticateApiKey(key, t0);
    expect(await lastUsed()).toBe(t0.getTime());
    await authenticateApiKey(key, new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await authenticateApiKey(key, later);
    expect(await lastUsed()).toBe(later.getTime());
  });

  it("adds HOOKLINE_API_KEY once, and keeps it revoked when an operator revoked it", async () => {
    const key = "env-key-0123456789abcdefghij";
    expect(await ensureEnvApiKey(null)).toBe("unset");
    expect(await ensureEnvApiKey(key)).toBe("created");
    expect(await ensureEnvApiKey(key)).toBe("exists");
    // Several instances starting together add it once.
    await Promise.all([1, 2, 3].map(() => ensureEnvApiKey(key)));
    expect(await db.apiKey.count()).toBe(1);
    const [row] = await listApiKeys(DEFAULT_ORG);
    expect(row.name).toBe(ENV_API_KEY_NAME);
    expect(row.prefix).toBe("env-");
    expect(await authenticateApiKey(key)).toMatchObject({ id: row.id });

    await revokeApiKey(DEFAULT_ORG, row.id);
    expect(await ensureEnvApiKey(key)).toBe("revoked");
    expect(await authenticateApiKey(key)).toBeNull();
  });
});
