import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { rotateSigningKeyAction } from "./rotate-signing-key";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Rotate signing key" on ${testProvider}`, () => {
  it("rotates the installation key, and refuses when the environment owns it", async () => {
    expect(await rotateSigningKeyAction({})).toMatchObject({
      ok: true,
      data: { source: "database", previous: { expiresAt: expect.any(Date) } },
    });
    process.env.HOOKLINE_RSA_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nnot used\n-----END PRIVATE KEY-----";
    try {
      expect(await rotateSigningKeyAction({})).toMatchObject({ ok: false, error: /HOOKLINE_RSA_PRIVATE_KEY/ });
    } finally {
      delete process.env.HOOKLINE_RSA_PRIVATE_KEY;
    }
  });

  it("makes no key for a signed-out caller", async () => {
    signOut();
    expect(await rotateSigningKeyAction({})).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    expect(await db.setting.count()).toBe(0);
  });
});
