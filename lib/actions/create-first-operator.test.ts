import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/auth/operators";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createFirstOperatorAction } from "./create-first-operator";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

const PASSWORD = "correct-horse-battery";

describe(`setup's "Create account" on ${testProvider}`, () => {
  it("creates the first operator without a session, then refuses any other", async () => {
    expect(
      await createFirstOperatorAction({ email: " Ana@Example.com ", password: PASSWORD, confirm: PASSWORD }),
    ).toEqual({
      ok: true,
      data: { email: "ana@example.com" },
    });
    expect(await checkCredentials({ email: "ana@example.com", password: PASSWORD })).toMatchObject({
      email: "ana@example.com",
    });
    expect(
      await createFirstOperatorAction({ email: "eve@example.com", password: PASSWORD, confirm: PASSWORD }),
    ).toEqual({
      ok: false,
      error: "An admin account already exists. Sign in instead.",
    });
    expect(await db.operator.count()).toBe(1);
  });

  it("names the fields that are wrong", async () => {
    expect(
      await createFirstOperatorAction({ email: "ana@example.com", password: PASSWORD, confirm: "other" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { confirm: ["The passwords do not match."] },
    });
    expect(
      await createFirstOperatorAction({ email: "not an email", password: "short", confirm: "short" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.any(String)], password: ["Use at least 12 characters."] },
    });
    expect(await db.operator.count()).toBe(0);
  });
});
