import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { checkCredentials } from "@/lib/auth/operators";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signIn, signOut } from "@/lib/test/session";
import { acceptInvitationAction } from "@/lib/actions/accept-invitation";
import { acceptInvitationWithPasswordAction } from "@/lib/actions/accept-invitation-with-password";
import { createInvitationAction } from "@/lib/actions/create-invitation";
import { revokeInvitationAction } from "@/lib/actions/revoke-invitation";
import { memberContext, type OrgContext } from "./context";
import {
  acceptInvitation,
  acceptInvitationWithPassword,
  createInvitation,
  hashInvitationToken,
  INVITATION_TTL_MS,
  listInvitations,
  revokeInvitation,
  viewInvitation,
} from "./invitations";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "hookline.test" }) }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((d) => (db = d));

let org: string;
let other: string;
let admin: OrgContext;
const PASSWORD = "correct horse battery";

beforeEach(async () => {
  org = (await db.organization.create({ data: { name: "Acme" } })).id;
  other = (await db.organization.create({ data: { name: "Globex" } })).id;
  const ops = await signIn(db);
  await db.membership.create({ data: { organizationId: org, operatorId: ops.id, role: "admin" } });
  admin = await memberContext(ops, org);
});

const roleIn = async (email: string, organizationId = org) =>
  (await db.membership.findFirst({ where: { organizationId, operator: { email } }, select: { role: true } }))?.role;

describe(`Invitations on ${testProvider}`, () => {
  it("stores only the token's SHA-256, valid 7 days; the link names the organization, email and role", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const { token, invitation } = await createInvitation(
      admin,
      { email: " New@Example.com ", role: "viewer" },
      db,
      now,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - now.getTime()).toBe(INVITATION_TTL_MS);
    expect(await viewInvitation(token, db, now)).toMatchObject({
      status: "valid",
      organizationId: org,
      organizationName: "Acme",
      email: "new@example.com",
      role: "viewer",
      hasAccount: false,
    });
  });

  it("a new person sets a password: an operator with the invited email joins with the role; the link works once", async () => {
    const { token } = await createInvitation(admin, { email: "new@example.com", role: "viewer" });
    expect(await acceptInvitationWithPassword({ token, password: PASSWORD, confirm: PASSWORD })).toMatchObject({
      organizationId: org,
      role: "viewer",
      email: "new@example.com",
    });
    expect(await checkCredentials({ email: "new@example.com", password: PASSWORD })).not.toBeNull();
    expect(await roleIn("new@example.com")).toBe("viewer");
    expect(await viewInvitation(token)).toEqual({ status: "used" });
    await expect(acceptInvitationWithPassword({ token, password: PASSWORD, confirm: PASSWORD })).rejects.toThrow(
      /already been used/,
    );
    const someone = await db.operator.create({ data: { email: "someone@example.com", passwordHash: "x" } });
    await expect(acceptInvitation(someone, { token })).rejects.toThrow(/already been used/);
    expect(await roleIn("someone@example.com")).toBeUndefined();
  });

  it("a signed-in operator joins with the link whatever their email; an existing member keeps their role", async () => {
    const bob = await db.operator.create({ data: { email: "bob@example.com", passwordHash: "x" } });
    const { token } = await createInvitation(admin, { email: "someone-else@example.com", role: "admin" });
    expect(await acceptInvitation(bob, { token })).toEqual({
      organizationId: org,
      organizationName: "Acme",
      role: "admin",
    });
    expect(await roleIn("bob@example.com")).toBe("admin");
    expect(await roleIn("bob@example.com", other)).toBeUndefined();

    await db.membership.create({ data: { organizationId: other, operatorId: bob.id, role: "admin" } });
    const otherAdmin = await memberContext(bob, other);
    const again = await createInvitation(otherAdmin, { email: "x@example.com", role: "viewer" });
    expect(await acceptInvitation(bob, { token: again.token })).toMatchObject({ role: "admin" });
  });

  it("an existing account's email must sign in instead of choosing a password; nothing changes", async () => {
    await db.operator.create({ data: { email: "bob@example.com", passwordHash: "original" } });
    const { token } = await createInvitation(admin, { email: "bob@example.com", role: "viewer" });
    expect(await viewInvitation(token)).toMatchObject({ status: "valid", hasAccount: true });
    await expect(acceptInvitationWithPassword({ token, password: PASSWORD, confirm: PASSWORD })).rejects.toThrow(
      /Sign in to join/,
    );
    expect((await db.operator.findUniqueOrThrow({ where: { email: "bob@example.com" } })).passwordHash).toBe(
      "original",
    );
    expect(await viewInvitation(token)).toMatchObject({ status: "valid" });
  });

  it("expired, revoked, replaced and wrong tokens grant nothing", async () => {
    const start = new Date();
    const expired = await createInvitation(admin, { email: "a@example.com", role: "admin" }, db, start);
    const later = new Date(start.getTime() + INVITATION_TTL_MS + 1);
    expect(await viewInvitation(expired.token, db, later)).toEqual({ status: "expired" });
    await expect(
      acceptInvitationWithPassword({ token: expired.token, password: PASSWORD, confirm: PASSWORD }, db, later),
    ).rejects.toThrow(/expired/);

    const revoked = await createInvitation(admin, { email: "b@example.com", role: "admin" });
    await revokeInvitation(admin, { invitationId: revoked.invitation.id });
    expect(await viewInvitation(revoked.token)).toEqual({ status: "invalid" });

    const first = await createInvitation(admin, { email: "c@example.com", role: "viewer" });
    const second = await createInvitation(admin, { email: "c@example.com", role: "admin" });
    expect(await viewInvitation(first.token)).toEqual({ status: "invalid" });
    expect(await viewInvitation(second.token)).toMatchObject({ status: "valid", role: "admin" });
    expect((await listInvitations(admin)).filter((i) => i.email === "c@example.com")).toHaveLength(1);

    const wrong = "A".repeat(43);
    for (const token of [wrong, "short", second.token + "x", ""]) {
      expect(await viewInvitation(token)).toEqual({ status: "invalid" });
      await expect(acceptInvitationWithPassword({ token, password: PASSWORD, confirm: PASSWORD })).rejects.toThrow(
        /not valid/,
      );
    }
    expect(
      await db.operator.count({ where: { email: { in: ["a@example.com", "b@example.com", "c@example.com"] } } }),
    ).toBe(0);
  });

  it("two people using one link at once: exactly one joins", async () => {
    const { token } = await createInvitation(admin, { email: "new@example.com", role: "viewer" });
    const [x, y] = await Promise.all(
      ["x@example.com", "y@example.com"].map((email) => db.operator.create({ data: { email, passwordHash: "x" } })),
    );
    const results = await Promise.allSettled([acceptInvitation(x, { token }), acceptInvitation(y, { token })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { organizationId: org, operatorId: { in: [x.id, y.id] } } })).toBe(1);
  });

  it("only an admin invites or revokes; a member is not invited; another organization's invitation is not found", async () => {
    const viewerOp = await db.operator.create({ data: { email: "v@example.com", passwordHash: "x" } });
    await db.membership.create({ data: { organizationId: org, operatorId: viewerOp.id, role: "viewer" } });
    const viewer = await memberContext(viewerOp, org);
    await expect(createInvitation(viewer, { email: "z@example.com", role: "viewer" })).rejects.toThrow(/role does not/);
    await expect(listInvitations(viewer)).rejects.toThrow(/role does not/);
    await expect(createInvitation(admin, { email: "v@example.com", role: "admin" })).rejects.toThrow(
      /already a member/,
    );

    const eve = await db.operator.create({ data: { email: "eve@example.com", passwordHash: "x" } });
    await db.membership.create({ data: { organizationId: other, operatorId: eve.id, role: "admin" } });
    const foreign = await createInvitation(await memberContext(eve, other), { email: "f@example.com", role: "admin" });
    await expect(revokeInvitation(admin, { invitationId: foreign.invitation.id })).rejects.toThrow(/does not exist/);
    await expect(revokeInvitation(viewer, { invitationId: foreign.invitation.id })).rejects.toThrow(/role does not/);
    expect(await viewInvitation(foreign.token)).toMatchObject({ status: "valid" });
  });

  it("actions: the link is built on the public URL; a signed-out caller cannot invite, revoke or join", async () => {
    const created = await createInvitationAction({ organizationId: org, email: "n@example.com", role: "viewer" });
    expect(created).toMatchObject({
      ok: true,
      data: { url: expect.stringMatching(/^http:\/\/localhost:3000\/invite\/[\w-]{43}$/) },
    });
    const token = created.ok ? created.data.url.split("/invite/")[1] : "";
    expect(
      await createInvitationAction({ organizationId: other, email: "n@example.com", role: "viewer" }),
    ).toMatchObject({
      ok: false,
      error: /not a member/,
    });
    signOut();
    expect(await acceptInvitationAction({ token })).toMatchObject({ ok: false, error: /session has ended/ });
    expect(
      await revokeInvitationAction({ organizationId: org, invitationId: created.ok ? created.data.invitation.id : "" }),
    ).toMatchObject({ ok: false, error: /session has ended/ });
    expect(await acceptInvitationWithPasswordAction({ token, password: "short", confirm: "short" })).toMatchObject({
      ok: false,
      fieldErrors: { password: [expect.stringMatching(/at least 12/)] },
    });
    expect(await acceptInvitationWithPasswordAction({ token, password: PASSWORD, confirm: PASSWORD })).toMatchObject({
      ok: true,
      data: { organizationId: org, role: "viewer" },
    });
  });
});
