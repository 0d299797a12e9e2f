import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { authenticateApiKey } from "@/lib/api/api-keys";
import { createApiKeyAction } from "./create-api-key";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Create API key" on ${testProvider}`, () => {
  it("creates a key, returned once, that authenticates", async () => {
    const created = await createApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, name: "Billing" });
    if (!created.ok) throw new Error(created.error);
    expect(created.data).toMatchObject({ name: "Billing", key: expect.stringMatching(/^hl_/) });
    expect(await authenticateApiKey(created.data.key)).not.toBeNull();
  });

  it("refuses a blank name or an unknown field with field errors, and writes nothing", async () => {
    expect(await createApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, name: " " })).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Name the API key."] },
    });
    expect(
      await createApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, name: "x", admin: true } as never),
    ).toMatchObject({ ok: false });
    expect(await db.apiKey.count()).toBe(0);
  });

  it("refuses a signed-out caller whatever it sends, and writes nothing", async () => {
    signOut();
    for (const name of ["Billing", " "])
      expect(await createApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, name })).toEqual({
        ok: false,
        error: "Your session has ended. Sign in again.",
      });
    expect(await db.apiKey.count()).toBe(0);
  });
});
