import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { checkCredentials, createFirstOperator, ensureEnvOperator, hasOperator } from "./operators";
import { hashPassword, verifyPassword } from "./password";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

describe("passwords", () => {
  it("hashes with scrypt and a random salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterz", a)).toBe(false);
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});

describe(`operators on ${testProvider}`, () => {
  it("creates the first operator once, with a normalised email and a hashed password", async () => {
    expect(await hasOperator()).toBe(false);
    await createFirstOperator({
      email: " Admin@Example.com ",
      password: "a long enough password",
      confirm: "a long enough password",
    });
    const operator = await db.operator.findFirstOrThrow();
    expect(operator.email).toBe("admin@example.com");
    expect(operator.passwordHash).not.toContain("a long enough password");
    const again = await createFirstOperator({
      email: "b@example.com",
      password: "a long enough password",
      confirm: "a long enough password",
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(await db.operator.count()).toBe(1);
  });

  it.each([
    [{ email: "nope", password: "a long enough password", confirm: "a long enough password" }, /valid email/],
    [{ email: "a@example.com", password: "short", confirm: "short" }, /at least 12/],
    [{ email: "a@example.com", password: "a long enough password", confirm: "another long password" }, /do not match/],
  ])("refuses bad setup input %#", async (input, message) => {
    await expect(createFirstOperator(input)).rejects.toThrow(message);
    expect(await db.operator.count()).toBe(0);
  });

  it("checks credentials", async () => {
    await createFirstOperator({
      email: "a@example.com",
      password: "a long enough password",
      confirm: "a long enough password",
    });
    expect(await checkCredentials({ email: "A@example.com", password: "a long enough password" })).toMatchObject({
      email: "a@example.com",
      sessionVersion: 0,
    });
    expect(await checkCredentials({ email: "a@example.com", password: "wrong password!!" })).toBeNull();
    expect(await checkCredentials({ email: "b@example.com", password: "a long enough password" })).toBeNull();
    expect(await checkCredentials({ email: 42 })).toBeNull();
  });

  it("creates the first operator from HOOKLINE_ADMIN_EMAIL / HOOKLINE_ADMIN_PASSWORD, only when none exists", async () => {
    const { admin } = loadConfig({
      HOOKLINE_ADMIN_EMAIL: "Ops@example.com",
      HOOKLINE_ADMIN_PASSWORD: "from the environment",
    }).auth;
    expect(admin).toEqual({ email: "ops@example.com", password: "from the environment" });
    expect(await ensureEnvOperator(admin)).toBe(true);
    expect(await ensureEnvOperator(admin)).toBe(false);
    expect(await checkCredentials({ email: "ops@example.com", password: "from the environment" })).not.toBeNull();
    expect(await ensureEnvOperator(null)).toBe(false);
  });
});
