import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { changePassword, endSessions } from "./account";
import { checkCredentials, createFirstOperator } from "./operators";
import { getAuthOptions } from "./options";
import { operatorForSession } from "./session";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

const PASSWORD = "a long enough password";

/** The session a sign-in issues: next-auth's jwt and session callbacks run on the authorized user. */
async function signIn(password = PASSWORD): Promise<{ token: JWT; user: { id?: string; sv?: number } }> {
  const operator = await checkCredentials({ email: "a@example.com", password });
  if (!operator) throw new Error("wrong password");
  const { callbacks } = await getAuthOptions();
  const user = { id: operator.id, email: operator.email, sessionVersion: operator.sessionVersion };
  const token = (await callbacks!.jwt!({ token: {}, user, account: null })) as JWT;
  const session = await callbacks!.session!({
    session: { expires: "" },
    token,
    user,
    newSession: undefined,
    trigger: "update",
  } as never);
  return { token, user: (session as { user: { id?: string; sv?: number } }).user };
}

async function signOut(token: JWT): Promise<void> {
  const { events } = await getAuthOptions();
  await events!.signOut!({ token, session: null as never });
}

describe(`sessions on ${testProvider}`, () => {
  beforeEach(() => createFirstOperator({ email: "a@example.com", password: PASSWORD, confirm: PASSWORD }));

  it("are valid until the operator signs out, on any device; then every session of theirs has ended", async () => {
    const laptop = await signIn();
    const phone = await signIn();
    expect(await operatorForSession(laptop.user)).toMatchObject({ email: "a@example.com" });
    expect(await operatorForSession(phone.user)).toMatchObject({ email: "a@example.com" });

    await signOut(laptop.token);
    expect(await operatorForSession(laptop.user)).toBeNull();
    expect(await operatorForSession(phone.user)).toBeNull();
    // Signing out again with the ended session changes nothing; a new sign-in works.
    const again = await signIn();
    await signOut(laptop.token);
    expect(await operatorForSession(again.user)).not.toBeNull();
  });

  it("end everywhere with “Sign out everywhere”", async () => {
    const session = await signIn();
    await endSessions(session.user.id!);
    expect(await operatorForSession(session.user)).toBeNull();
  });

  it("end when the password changes, which needs the current password", async () => {
    const session = await signIn();
    const operator = (await operatorForSession(session.user))!;
    const change = { current: "not the password", password: "a brand new password", confirm: "a brand new password" };
    const refused = await changePassword(operator, change, "198.51.100.1").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors).toEqual({ current: ["The current password is wrong."] });
    expect(await operatorForSession(session.user)).not.toBeNull();
    await expect(
      changePassword(operator, { ...change, current: PASSWORD, confirm: "mismatch" }, "198.51.100.1"),
    ).rejects.toThrow(/do not match/);

    await changePassword(operator, { ...change, current: PASSWORD }, "198.51.100.1");
    expect(await operatorForSession(session.user)).toBeNull();
    expect(await checkCredentials({ email: "a@example.com", password: PASSWORD })).toBeNull();
    const renewed = await signIn("a brand new password");
    expect(await operatorForSession(renewed.user)).toMatchObject({ id: operator.id });
  });

  it("are refused without a version or for a deleted operator", async () => {
    const session = await signIn();
    expect(await operatorForSession({ id: session.user.id })).toBeNull();
    expect(await operatorForSession(undefined)).toBeNull();
    await db.operator.deleteMany();
    expect(await operatorForSession(session.user)).toBeNull();
  });
});
