import { describe, expect, it, vi } from "vitest";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { authenticateApiKey, createApiKey } from "@/lib/api/api-keys";
import { revokeApiKeyAction } from "./revoke-api-key";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

signedInTestDb();

describe(`"Revoke" on ${testProvider}`, () => {
  it("revokes a key, which stops working at once, without returning its hash", async () => {
    const { id, key } = await createApiKey("Billing");
    const revoked = await revokeApiKeyAction({ id });
    expect(revoked).toMatchObject({ ok: true, data: { id } });
    expect(revoked.ok && revoked.data).not.toHaveProperty("keyHash");
    expect(await authenticateApiKey(key)).toBeNull();
    expect(await revokeApiKeyAction({ id: "0198c0de-0000-7000-8000-000000000000" })).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
  });

  it("leaves the key working for a signed-out caller", async () => {
    const { id, key } = await createApiKey("Billing");
    signOut();
    expect(await revokeApiKeyAction({ id })).toMatchObject({ ok: false, error: /session has ended/ });
    expect(await authenticateApiKey(key)).not.toBeNull();
  });
});
