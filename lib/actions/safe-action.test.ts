import { revalidatePath } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signIn, signOut } from "@/lib/test/session";
import { DEFAULT_ORGANIZATION_ID, roleAllows } from "@/lib/tenancy/context";
import { newOrganization } from "@/lib/test/organizations";
import { operatorAction, publicAction } from "./safe-action";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));
beforeEach(() => vi.mocked(revalidatePath).mockClear());

const schema = z.strictObject({ name: z.string().trim().min(1, "Enter a name.") });
const SESSION_ENDED = { ok: false, error: "Your session has ended. Sign in again." };
const NOT_A_MEMBER = { ok: false, error: "This organization does not exist, or you are not a member of it." };
const IN_DEFAULT = { organizationId: DEFAULT_ORGANIZATION_ID };

describe(`operatorAction on ${testProvider}`, () => {
  it("checks the session first: a signed-out caller gets the same answer whatever it sends, and nothing runs", async () => {
    signOut();
    const fn = vi.fn(async () => "done");
    const action = operatorAction(schema, fn, { revalidate: () => ["/somewhere"] });
    for (const input of [{ name: "ok" }, { name: "" }, { name: 1, extra: true }, null, "garbage"]) {
      expect(await action(input as never)).toEqual(SESSION_ENDED);
    }
    // A cookie of a deleted operator is worth nothing.
    await signIn(db);
    await db.operator.deleteMany();
    expect(await action({ ...IN_DEFAULT, name: "ok" })).toEqual(SESSION_ENDED);
    expect(fn).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("then parses: bad input is refused per field and the body never runs", async () => {
    const fn = vi.fn(async () => "done");
    const action = operatorAction(schema, fn);
    expect(await action({ ...IN_DEFAULT, name: " " })).toEqual({
      ok: false,
      error: "Enter a name.",
      fieldErrors: { name: ["Enter a name."] },
    });
    expect(await action({ ...IN_DEFAULT, name: "x", admin: true } as never)).toMatchObject({
      ok: false,
      fieldErrors: { _: [expect.any(String)] },
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it("runs with the parsed input and the operator, then re-renders the pages it names", async () => {
    const operator = await signIn(db, "ana@example.com");
    const action = operatorAction(
      schema,
      async ({ name }, context) => ({
        greeting: `${name} by ${context.operator.email}`,
        role: context.role,
        organizationId: context.organizationId,
      }),
      {
        revalidate: ({ name }, data) => [`/a/${name}`, `/b/${data.role}`],
      },
    );
    expect(await action({ ...IN_DEFAULT, name: "  Billing " })).toEqual({
      ok: true,
      data: { greeting: "Billing by ana@example.com", role: "admin", organizationId: DEFAULT_ORGANIZATION_ID },
    });
    expect(vi.mocked(revalidatePath).mock.calls).toEqual([["/a/Billing"], ["/b/admin"]]);
    expect(operator.email).toBe("ana@example.com");
  });

  it("shows expected errors with their fields, hides the rest, and nothing is re-rendered after a failure", async () => {
    const failing = (error: unknown) =>
      operatorAction(
        schema,
        async () => {
          throw error;
        },
        { revalidate: () => ["/x"] },
      )({ ...IN_DEFAULT, name: "x" });
    expect(await failing(new AppError(AppErrorCode.Conflict, "Changed meanwhile."))).toEqual({
      ok: false,
      error: "Changed meanwhile.",
    });
    expect(
      await failing(new AppError(AppErrorCode.InvalidInput, "Taken.", { fieldErrors: { url: ["Taken."] } })),
    ).toEqual({
      ok: false,
      error: "Taken.",
      fieldErrors: { url: ["Taken."] },
    });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const crash = await failing(new Error("postgres://user:secret@db refused"));
    expect(crash).toEqual({
      ok: false,
      error: "Something went wrong on our side. The error was logged; please try again.",
    });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("lets Next's redirect() and notFound() through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" });
    const action = operatorAction(schema, async () => {
      throw redirect;
    });
    await expect(action({ ...IN_DEFAULT, name: "x" })).rejects.toBe(redirect);
  });

  it("runs only in an organization the operator is a member of: any other is not found, and nothing runs", async () => {
    const fn = vi.fn(async () => "done");
    const action = operatorAction(schema, fn, { role: "viewer" });
    const other = await newOrganization(db);
    for (const organizationId of [other.organizationId, "no-such-organization", "\u0000", undefined, 42])
      expect(await action({ organizationId, name: "x" } as never)).toEqual(NOT_A_MEMBER);
    expect(await action({ name: "x" } as never)).toEqual(NOT_A_MEMBER);
    expect(fn).not.toHaveBeenCalled();
    // A member of the other organization acts there, with its role there.
    await signIn(db, "ops@example.com", { organizationId: other.organizationId, role: "viewer" });
    expect(await action({ ...other, name: "x" })).toEqual({ ok: true, data: "done" });
  });

  it("checks the role before the input: a viewer is refused any action that asks admin, whatever it sends", async () => {
    await db.membership.updateMany({ data: { role: "viewer" } });
    const fn = vi.fn(async () => "done");
    const action = operatorAction(schema, fn);
    const forbidden = { ok: false, error: "Your role does not allow this. Ask an admin of this organization." };
    expect(await action({ ...IN_DEFAULT, name: "x" })).toEqual(forbidden);
    expect(await action({ ...IN_DEFAULT, name: "" })).toEqual(forbidden);
    expect(fn).not.toHaveBeenCalled();
    expect(await operatorAction(schema, fn, { role: "viewer" })({ ...IN_DEFAULT, name: "x" })).toEqual({
      ok: true,
      data: "done",
    });
  });

  it("lets the installation's owner into any organization as an admin, member or not", async () => {
    const other = await newOrganization(db);
    await db.operator.update({ where: { email: "ops@example.com" }, data: { isOwner: true } });
    const action = operatorAction(schema, async (_, context) => ({
      role: context.role,
      owner: context.operator.isOwner,
    }));
    expect(await action({ ...other, name: "x" })).toEqual({ ok: true, data: { role: "admin", owner: true } });
  });
});

describe("roles", () => {
  it("an admin may do what a viewer may, not the other way round", () => {
    expect(roleAllows("admin", "admin")).toBe(true);
    expect(roleAllows("admin", "viewer")).toBe(true);
    expect(roleAllows("viewer", "viewer")).toBe(true);
    expect(roleAllows("viewer", "admin")).toBe(false);
  });
});

describe(`publicAction on ${testProvider}`, () => {
  it("runs without a session, parsing first", async () => {
    signOut();
    const action = publicAction(schema, async ({ name }) => name.toUpperCase());
    expect(await action({ name: "setup" })).toEqual({ ok: true, data: "SETUP" });
    expect(await action({ name: "" })).toMatchObject({ ok: false, fieldErrors: { name: ["Enter a name."] } });
  });
});
