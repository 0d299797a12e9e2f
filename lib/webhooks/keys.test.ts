import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { forgetSigningKey, getSigningKey, publicKeyBase64, RSA_KEY_SETTING } from "./keys";

let db: Db;
let url: string;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, url, teardown } = await setupTestDb()));
afterAll(() => teardown());
afterEach(async () => {
  delete process.env.HOOKLINE_RSA_PRIVATE_KEY;
  forgetSigningKey();
  await resetDb(db);
});

describe(`installation RSA key on ${testProvider}`, () => {
  it("is generated once, kept in settings, and the same after the cache is dropped", async () => {
    const first = await getSigningKey();
    expect(first.privateKeyPem).toContain("-----BEGIN PRIVATE KEY-----");
    expect(first.publicKeyPem).toContain("-----BEGIN PUBLIC KEY-----");
    expect(createPublicKey(first.privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const stored = await db.setting.findUniqueOrThrow({ where: { key: RSA_KEY_SETTING } });
    expect(stored.value).toBe(first.privateKeyPem);
    forgetSigningKey();
    expect((await getSigningKey()).privateKeyPem).toBe(first.privateKeyPem);
  });

  it("is the same for instances starting together (one key wins, everyone uses it)", async () => {
    const others = [createDb(databaseConfig(url)), createDb(databaseConfig(url))];
    try {
      const keys = await Promise.all(
        others.map(async (other) => {
          // Each "instance" has its own cache: simulate by dropping ours between loads.
          forgetSigningKey();
          return getSigningKey(other);
        }),
      );
      forgetSigningKey();
      const settled = await getSigningKey();
      expect(new Set([...keys, settled].map((k) => k.privateKeyPem)).size).toBe(1);
      expect(await db.setting.count({ where: { key: RSA_KEY_SETTING } })).toBe(1);
    } finally {
      await Promise.all(others.map((o) => o.$disconnect()));
    }
  });

  it("comes from HOOKLINE_RSA_PRIVATE_KEY (base64 PEM) when set, and is then not stored", async () => {
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    process.env.HOOKLINE_RSA_PRIVATE_KEY = Buffer.from(pem).toString("base64");
    const key = await getSigningKey();
    expect(key.privateKeyPem).toBe(pem);
    expect(await db.setting.count()).toBe(0);
  });

  it("refuses an env value that is not a PEM, saying which variable", async () => {
    process.env.HOOKLINE_RSA_PRIVATE_KEY = Buffer.from("not a key").toString("base64");
    await expect(getSigningKey()).rejects.toThrow(/HOOKLINE_RSA_PRIVATE_KEY/);
  });

  it("serves the public key as Lago does: base64 of the PEM", async () => {
    const encoded = await publicKeyBase64();
    const pem = Buffer.from(encoded, "base64").toString("utf8");
    expect(pem).toBe((await getSigningKey()).publicKeyPem);
    expect(createPublicKey(pem).asymmetricKeyType).toBe("rsa");
  });
});
