import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { changePasswordAction } from "./change-password";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

const CURRENT = "the-current-password";
const NEXT = "a-brand-new-password";

async function operator() {
  return db.operator.findUniqueOrThrow({ where: { email: "ops@example.com" } });
}

describe(`"Change password" on ${testProvider}`, () => {
  it("checks the current password, stores the new one and ends every session", async () => {
    await db.operator.update({
      where: { email: "ops@example.com" },
      data: { passwordHash: await hashPassword(CURRENT) },
    });
    const before = await operator();
    expect(await changePasswordAction({ current: CURRENT, password: NEXT, confirm: NEXT })).toEqual({
      ok: true,
      data: undefined,
    });
    const after = await operator();
    expect(await verifyPassword(NEXT, after.passwordHash)).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    // This session ended with the others.
    expect(await changePasswordAction({ current: NEXT, password: CURRENT, confirm: CURRENT })).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
  });

  it("refuses a wrong current password or a mismatched confirmation per field, changing nothing", async () => {
    await db.operator.update({
      where: { email: "ops@example.com" },
      data: { passwordHash: await hashPassword(CURRENT) },
    });
    const before = await operator();
    expect(await changePasswordAction({ current: "not-it-at-all", password: NEXT, confirm: NEXT })).toMatchObject({
      ok: false,
      fieldErrors: { current: ["The current password is wrong."] },
    });
    expect(await changePasswordAction({ current: CURRENT, password: NEXT, confirm: "other" })).toMatchObject({
      ok: false,
      fieldErrors: { confirm: ["The passwords do not match."] },
    });
    expect(await operator()).toEqual(before);
  });

  it("changes nothing for a signed-out caller", async () => {
    const before = await operator();
    signOut();
    expect(await changePasswordAction({ current: CURRENT, password: NEXT, confirm: NEXT })).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });
    expect(await operator()).toEqual(before);
  });
});
