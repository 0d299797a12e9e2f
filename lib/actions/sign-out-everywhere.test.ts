import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { signOutEverywhereAction } from "./sign-out-everywhere";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

const version = async () =>
  (await db.operator.findUniqueOrThrow({ where: { email: "ops@example.com" } })).sessionVersion;

describe(`"Sign out everywhere" on ${testProvider}`, () => {
  it("ends every session of the operator, this one included", async () => {
    const before = await version();
    expect(await signOutEverywhereAction({})).toEqual({ ok: true, data: undefined });
    expect(await version()).toBe(before + 1);
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: false, error: /session has ended/ });
    expect(await version()).toBe(before + 1);
  });

  it("ends nothing for a signed-out caller", async () => {
    const before = await version();
    signOut();
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: false, error: /session has ended/ });
    expect(await version()).toBe(before);
  });
});
