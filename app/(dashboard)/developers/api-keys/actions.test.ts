import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateApiKey } from "@/lib/api/api-keys";
import type { Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";

const session = vi.hoisted(() => ({ signedIn: true }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({
  requireOperatorForAction: vi.fn(async () => {
    if (!session.signedIn) throw new AppError(AppErrorCode.Unauthorized, "Your session has ended. Sign in again.");
    return { id: "op", email: "op@example.com" };
  }),
}));

const { createApiKeyAction, revokeApiKeyAction } = await import("./actions");
const { requireOperatorForAction } = await import("@/lib/auth/session");

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  session.signedIn = true;
  vi.mocked(requireOperatorForAction).mockClear();
});

describe(`API key actions on ${testProvider}`, () => {
  it("creates a key, returned once, that authenticates; revokes it", async () => {
    const created = await createApiKeyAction({ name: "Billing" });
    if (!created.ok) throw new Error(created.error);
    expect(created.data.key).toMatch(/^hl_/);
    expect(await authenticateApiKey(created.data.key)).not.toBeNull();

    const revoked = await revokeApiKeyAction({ id: created.data.id });
    expect(revoked).toMatchObject({ ok: true, data: { id: created.data.id } });
    expect(revoked.ok && revoked.data).not.toHaveProperty("keyHash");
    expect(await authenticateApiKey(created.data.key)).toBeNull();
  });

  it("parses before it authorises: bad input is refused with field errors", async () => {
    expect(await createApiKeyAction({ name: " " })).toMatchObject({ ok: false, fieldErrors: { name: ["Name the API key."] } });
    expect(await createApiKeyAction({ name: "x", admin: true })).toMatchObject({ ok: false });
    expect(requireOperatorForAction).not.toHaveBeenCalled();
    expect(await db.apiKey.count()).toBe(0);
  });

  it("refuses without a session and writes nothing", async () => {
    session.signedIn = false;
    expect(await createApiKeyAction({ name: "Billing" })).toMatchObject({ ok: false, error: /session has ended/ });
    expect(await revokeApiKeyAction({ id: "0198c0de-0000-7000-8000-000000000000" })).toMatchObject({ ok: false });
    expect(await db.apiKey.count()).toBe(0);
  });
});
