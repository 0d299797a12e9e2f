import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { PORTAL_SECRET_SETTING, portalContext, readPortalToken, signPortalToken } from "./tokens";

let db: Db;
let teardown: () => Promise<void>;
let org: string;
beforeAll(async () => {
  ({ db, teardown } = await setupTestDb());
  org = (await db.organization.create({ data: { name: "Acme" } })).id;
});
afterAll(() => teardown());

describe(`Portal tokens on ${testProvider}`, () => {
  it("grants its organization and role until it expires, then nothing", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const { token, expiresAt } = await signPortalToken({ organizationId: org, role: "viewer", ttlSeconds: 60 }, now);
    expect(expiresAt.toISOString()).toBe("2026-12-01T10:01:00.000Z");
    expect(await portalContext(token, db, new Date(now.getTime() + 59_000))).toMatchObject({
      organizationId: org,
      role: "viewer",
      via: "portal",
      expiresAt,
    });
    expect(await readPortalToken(token, expiresAt)).toEqual({ ok: false, reason: "expired" });
    await expect(portalContext(token, db, new Date(now.getTime() + 61_000))).rejects.toThrow(/has expired/);
  });

  it("refuses a tampered token: another role or organization in the payload, another signature, another secret", async () => {
    const { token } = await signPortalToken({ organizationId: org, role: "viewer", ttlSeconds: 600 });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = (change: object) =>
      [header, Buffer.from(JSON.stringify({ ...claims, ...change })).toString("base64url"), signature].join(".");
    const flipped = signature.slice(0, -2) + (signature.at(-2) === "A" ? "B" : "A") + signature.at(-1);
    const wrongSecret = await new SignJWT({ org, role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience("hookline-portal")
      .setExpirationTime("1h")
      .setJti("x")
      .sign(new TextEncoder().encode("not the installation's secret at all"));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    for (const bad of [
      forged({ role: "admin" }),
      forged({ org: "other" }),
      [header, payload, flipped].join("."),
      wrongSecret,
      unsigned,
      "",
      "a.b",
      "x".repeat(5000),
    ]) {
      expect(await readPortalToken(bad)).toEqual({ ok: false, reason: "invalid" });
      await expect(portalContext(bad, db)).rejects.toThrow(/not valid/);
    }
  });

  it("the secret is generated once and kept: tokens survive a restart, and a new secret voids them", async () => {
    const { token } = await signPortalToken({ organizationId: org, role: "admin", ttlSeconds: 600 });
    const secret = await db.setting.findUniqueOrThrow({ where: { key: PORTAL_SECRET_SETTING } });
    expect(secret.value).toMatch(/^[\w-]{43}$/);
    expect((await readPortalToken(token)).ok).toBe(true);
    await db.setting.update({ where: { key: PORTAL_SECRET_SETTING }, data: { value: "rotated-".padEnd(43, "x") } });
    expect(await readPortalToken(token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("carries the embedder's theme; a token signed before themes existed reads as system", async () => {
    for (const theme of ["system", "light", "dark"] as const) {
      const { token } = await signPortalToken({ organizationId: org, role: "viewer", theme, ttlSeconds: 600 });
      expect(await readPortalToken(token)).toMatchObject({ ok: true, organizationId: org, theme });
    }
    const { token: unthemed } = await signPortalToken({ organizationId: org, role: "viewer", ttlSeconds: 600 });
    expect(await readPortalToken(unthemed)).toMatchObject({ ok: true, theme: "system" });

    // Signed as tokens were before the claim: {org, role} only, with the installation's own secret.
    const secret = await db.setting.findUniqueOrThrow({ where: { key: PORTAL_SECRET_SETTING } });
    const sign = (claims: object) =>
      new SignJWT({ org, role: "admin", ...claims })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setAudience("hookline-portal")
        .setExpirationTime("1h")
        .setJti("old")
        .sign(new TextEncoder().encode(secret.value));
    const old = await sign({});
    expect(JSON.parse(Buffer.from(old.split(".")[1], "base64url").toString())).not.toHaveProperty("theme");
    expect(await readPortalToken(old)).toMatchObject({ ok: true, organizationId: org, role: "admin", theme: "system" });
    expect(await portalContext(old, db)).toMatchObject({ organizationId: org, role: "admin" });
    // A theme we never sign is no token of ours.
    expect(await readPortalToken(await sign({ theme: "blue" }))).toEqual({ ok: false, reason: "invalid" });
  });

  it("a deleted organization's link grants nothing", async () => {
    const gone = (await db.organization.create({ data: { name: "Gone" } })).id;
    const { token } = await signPortalToken({ organizationId: gone, role: "admin", ttlSeconds: 600 });
    await db.organization.delete({ where: { id: gone } });
    await expect(portalContext(token, db)).rejects.toThrow(/not valid/);
  });
});
