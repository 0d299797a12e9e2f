import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { AppError } from "@/lib/errors";
import {
  forgetSigningKey,
  getSigningKey,
  publicKeyBase64,
  publicKeys,
  RSA_KEY_SETTING,
  rotateSigningKey,
  signingKeyStatus,
} from "./signing-key";
import { jwtSignature } from "./signing";
import { jwtVerify } from "jose";

let db: Db;
let url: string;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, url, teardown } = await setupTestDb()));
afterAll(() => teardown());
afterEach(async () => {
  delete process.env.HOOKLINE_RSA_PRIVATE_KEY;
  delete process.env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS;
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
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
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

  it("rotates: a new key signs and is served as current; the old public key is served as previous until the overlap ends", async () => {
    const before = await getSigningKey();
    const oldBase64 = await publicKeyBase64();
    const now = new Date();
    const status = await rotateSigningKey(db, now);

    const after = await getSigningKey();
    expect(after.privateKeyPem).not.toBe(before.privateKeyPem);
    expect((await db.setting.findUniqueOrThrow({ where: { key: RSA_KEY_SETTING } })).value).toBe(after.privateKeyPem);
    const served = await publicKeys();
    expect(served.current).toBe(await publicKeyBase64());
    expect(served.current).not.toBe(oldBase64);
    expect(served.previous).toEqual({ publicKey: oldBase64, expiresAt: new Date(now.getTime() + 24 * 3_600_000) });
    expect(status).toMatchObject({ source: "database", previous: { expiresAt: served.previous!.expiresAt } });
    expect(status.fingerprint).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/);
    expect(status.previous!.fingerprint).not.toBe(status.fingerprint);

    // A JWT signed now verifies with the current key, not with the previous one.
    const token = await jwtSignature("{}", "http://issuer", after.privateKeyPem);
    await expect(
      jwtVerify(token, createPublicKey(Buffer.from(served.current, "base64").toString())),
    ).resolves.toBeTruthy();
    await expect(jwtVerify(token, createPublicKey(Buffer.from(oldBase64, "base64").toString()))).rejects.toThrow();
  });

  it("stops serving the previous key once its overlap has ended, and keeps none with an overlap of 0", async () => {
    process.env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS = "1";
    await rotateSigningKey(db, new Date(Date.now() - 2 * 3_600_000));
    expect((await publicKeys()).previous).toBeNull();
    expect((await signingKeyStatus()).previous).toBeNull();

    process.env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS = "0";
    await rotateSigningKey();
    expect((await publicKeys()).previous).toBeNull();
    expect(await db.setting.count()).toBe(1);
  });

  it("rotates a key that was never generated (the first rotation generates one first)", async () => {
    const status = await rotateSigningKey();
    expect(status.previous).not.toBeNull();
    expect(await db.setting.count()).toBe(2);
  });

  it("a rotation made by another instance is picked up once this process's cache (a minute) runs out", async () => {
    const before = await getSigningKey();
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    await db.setting.update({ where: { key: RSA_KEY_SETTING }, data: { value: other } });
    expect((await getSigningKey()).privateKeyPem).toBe(before.privateKeyPem);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      expect((await getSigningKey()).privateKeyPem).toBe(other);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses to rotate when HOOKLINE_RSA_PRIVATE_KEY owns the key, saying so, and changes nothing", async () => {
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    process.env.HOOKLINE_RSA_PRIVATE_KEY = Buffer.from(pem).toString("base64");
    const error = await rotateSigningKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/HOOKLINE_RSA_PRIVATE_KEY/);
    expect((await getSigningKey()).privateKeyPem).toBe(pem);
    expect(await db.setting.count()).toBe(0);
    expect(await signingKeyStatus()).toMatchObject({ source: "env", since: null, previous: null });
  });

  it("two rotations at once: one wins, the other is told", async () => {
    await getSigningKey();
    const results = await Promise.allSettled([rotateSigningKey(), rotateSigningKey()]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const lost of results.filter((r) => r.status === "rejected"))
      expect(String(lost.reason)).toMatch(/rotated meanwhile/);
    const served = await publicKeys();
    expect(served.previous).not.toBeNull();
    expect(served.previous!.publicKey).not.toBe(served.current);
  });
});
