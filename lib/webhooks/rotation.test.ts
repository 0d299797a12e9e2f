import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint, getEndpoint, revealSecret } from "./endpoints";
import { rotateEndpointSecret } from "./rotation";
import { loadConfig } from "@/lib/config";
import { DEFAULT_ORG } from "@/lib/test/organizations";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));
afterEach(() => {
  delete process.env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS;
});

const HOUR = 3_600_000;

describe("the rotation overlap setting", () => {
  it("is 24 hours unless HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS says otherwise (0 = no overlap)", () => {
    const overlapMs = (hours?: string) =>
      loadConfig({ HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS: hours }).signing.rotationOverlapMs;
    expect(overlapMs()).toBe(24 * HOUR);
    expect(overlapMs("1.5")).toBe(1.5 * HOUR);
    expect(overlapMs("0")).toBe(0);
    for (const bad of ["-1", "a day", "100000"]) {
      expect(() => overlapMs(bad)).toThrow(/HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS must be/);
    }
  });
});

describe(`endpoint secret rotation on ${testProvider}`, () => {
  it("Standard Webhooks: a new whsec_ secret, the old one kept until now + the overlap", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/std", signatureAlgo: "standard" });
    const { secret: old } = await revealSecret(DEFAULT_ORG, endpoint.id);
    const now = new Date();
    const rotated = await rotateEndpointSecret(DEFAULT_ORG, endpoint.id, now);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    expect(rotated.previousSecretUntil).toEqual(new Date(now.getTime() + 24 * HOUR));
    expect(await revealSecret(DEFAULT_ORG, endpoint.id)).toEqual({
      secret: rotated.secret,
      previousSecret: old,
      previousSecretUntil: rotated.previousSecretUntil,
    });
    expect((await getEndpoint(DEFAULT_ORG, endpoint.id)).previousSecretUntil).toEqual(rotated.previousSecretUntil);

    // A second rotation: the secret just replaced becomes the previous one; the oldest stops at once.
    const again = await rotateEndpointSecret(DEFAULT_ORG, endpoint.id);
    expect(await revealSecret(DEFAULT_ORG, endpoint.id)).toMatchObject({
      secret: again.secret,
      previousSecret: rotated.secret,
    });
  });

  it("follows HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS, and 0 keeps nothing", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/std", signatureAlgo: "standard" });
    process.env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS = "2";
    const now = new Date();
    expect((await rotateEndpointSecret(DEFAULT_ORG, endpoint.id, now)).previousSecretUntil).toEqual(
      new Date(now.getTime() + 2 * HOUR),
    );
    process.env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS = "0";
    expect((await rotateEndpointSecret(DEFAULT_ORG, endpoint.id)).previousSecretUntil).toBeNull();
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      previousSecret: null,
      previousSecretUntil: null,
    });
  });

  it("HMAC: a new secret that signs at once (Lago's header holds one signature), nothing kept", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/hmac", signatureAlgo: "hmac" });
    const { secret: old } = await revealSecret(DEFAULT_ORG, endpoint.id);
    const rotated = await rotateEndpointSecret(DEFAULT_ORG, endpoint.id);
    expect(rotated.secret).not.toBe(old);
    expect(rotated.secret).not.toMatch(/^whsec_/);
    expect(rotated.previousSecretUntil).toBeNull();
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      secret: rotated.secret,
      previousSecret: null,
    });
  });

  it("refuses JWT endpoints (the installation key signs them) and unknown endpoints", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/jwt", signatureAlgo: "jwt" });
    const error = await rotateEndpointSecret(DEFAULT_ORG, endpoint.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/installation's RSA key/);
    await expect(rotateEndpointSecret(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000")).rejects.toThrow(
      /does not exist/,
    );
  });

  it("two rotations at once: one wins, the other is told, and the stored pair is consistent", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/std", signatureAlgo: "standard" });
    const { secret: old } = await revealSecret(DEFAULT_ORG, endpoint.id);
    const results = await Promise.allSettled([
      rotateEndpointSecret(DEFAULT_ORG, endpoint.id),
      rotateEndpointSecret(DEFAULT_ORG, endpoint.id),
    ]);
    const won = results.filter(
      (r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof rotateEndpointSecret>>> => r.status === "fulfilled",
    );
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const lost of results.filter((r) => r.status === "rejected"))
      expect(String(lost.reason)).toMatch(/changed meanwhile/);
    const stored = await revealSecret(DEFAULT_ORG, endpoint.id);
    expect(won.map((r) => r.value.secret)).toContain(stored.secret);
    // Whatever the interleaving, the previous secret is one that was current before.
    expect([old, ...won.map((r) => r.value.secret)]).toContain(stored.previousSecret);
  });
});
