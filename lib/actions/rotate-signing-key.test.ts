import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { rotateSigningKeyAction } from "./rotate-signing-key";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Rotate signing key" on ${testProvider}`, () => {
  it("is the installation owner's alone: an admin of an organization is refused, and no key is made", async () => {
    expect(await rotateSigningKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toEqual({
      ok: false,
      error: "The signing key is the installation's, shared by every organization: only its owner rotates it.",
    });
    expect(await db.setting.count()).toBe(0);
  });

  it("rotates the installation key, and refuses when the environment owns it", async () => {
    await db.operator.updateMany({ data: { isOwner: true } });
    expect(await rotateSigningKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toMatchObject({
      ok: true,
      data: { source: "database", previous: { expiresAt: expect.any(Date) } },
    });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    process.env.HOOKLINE_RSA_PRIVATE_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    try {
      expect(await rotateSigningKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toMatchObject({
        ok: false,
        error: /HOOKLINE_RSA_PRIVATE_KEY/,
      });
    } finally {
      delete process.env.HOOKLINE_RSA_PRIVATE_KEY;
    }
  });

  it("makes no key for a signed-out caller", async () => {
    signOut();
    expect(await rotateSigningKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });
    expect(await db.setting.count()).toBe(0);
  });
});
