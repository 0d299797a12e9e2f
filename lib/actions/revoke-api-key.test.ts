import { describe, expect, it, vi } from "vitest";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { authenticateApiKey, createApiKey } from "@/lib/api/api-keys";
import { revokeApiKeyAction } from "./revoke-api-key";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

signedInTestDb();

describe(`"Revoke" on ${testProvider}`, () => {
  it("revokes a key, which stops working at once, without returning its hash", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "Billing");
    const revoked = await revokeApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, id });
    expect(revoked).toMatchObject({ ok: true, data: { id } });
    expect(revoked.ok && revoked.data).not.toHaveProperty("keyHash");
    expect(await authenticateApiKey(key)).toBeNull();
    expect(
      await revokeApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, id: "0198c0de-0000-7000-8000-000000000000" }),
    ).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
  });

  it("leaves the key working for a signed-out caller", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "Billing");
    signOut();
    expect(await revokeApiKeyAction({ organizationId: DEFAULT_ORGANIZATION_ID, id })).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await authenticateApiKey(key)).not.toBeNull();
  });
});
