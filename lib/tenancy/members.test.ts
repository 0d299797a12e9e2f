import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signIn } from "@/lib/test/session";
import { changeMemberRoleAction } from "@/lib/actions/change-member-role";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { memberContext, type OrgContext, type Role } from "./context";
import { changeMemberRole, listMembers, removeMember } from "./members";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((d) => (db = d));

let org: string;
let other: string;

async function member(email: string, role: Role, organizationId = org) {
  const operator = await db.operator.upsert({
    where: { email },
    create: { email, passwordHash: "x" },
    update: {},
    select: { id: true, email: true },
  });
  await db.membership.create({ data: { organizationId, operatorId: operator.id, role } });
  return operator;
}

const asMember = (operator: { id: string; email: string }, organizationId = org): Promise<OrgContext> =>
  memberContext(operator, organizationId);

beforeEach(async () => {
  org = (await db.organization.create({ data: { name: "Acme" } })).id;
  other = (await db.organization.create({ data: { name: "Globex" } })).id;
});

describe(`Members on ${testProvider}`, () => {
  it("lists the organization's members by email with role and since, and nobody else's", async () => {
    const ada = await member("ada@example.com", "admin");
    await member("bob@example.com", "viewer");
    await member("eve@example.com", "admin", other);
    const viewer = await asMember(await member("carol@example.com", "viewer"));
    const members = await listMembers(viewer);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["ada@example.com", "admin"],
      ["bob@example.com", "viewer"],
      ["carol@example.com", "viewer"],
    ]);
    expect(members[0]).toMatchObject({ operatorId: ada.id, isOwner: false });
    expect(members[0].since).toBeInstanceOf(Date);
  });

  it("lets an admin change roles, and refuses a viewer", async () => {
    const ada = await member("ada@example.com", "admin");
    const bob = await member("bob@example.com", "viewer");
    const admin = await asMember(ada);
    expect(await changeMemberRole(admin, { operatorId: bob.id, role: "admin" })).toMatchObject({ role: "admin" });
    const viewer = await asMember(await member("carol@example.com", "viewer"));
    await expect(changeMemberRole(viewer, { operatorId: bob.id, role: "viewer" })).rejects.toThrow(/role does not/);
    await expect(removeMember(viewer, { operatorId: bob.id })).rejects.toThrow(/role does not/);
    expect((await listMembers(admin)).find((m) => m.email === "bob@example.com")?.role).toBe("admin");
  });

  it("never leaves an organization without an admin: demote, remove and leave are refused for the last one", async () => {
    const ada = await member("ada@example.com", "admin");
    const bob = await member("bob@example.com", "viewer");
    const admin = await asMember(ada);
    await expect(changeMemberRole(admin, { operatorId: ada.id, role: "viewer" })).rejects.toThrow(/at least one admin/);
    await expect(removeMember(admin, { operatorId: ada.id })).rejects.toThrow(/last admin/);
    // A viewer may leave; the admin's membership is untouched by all of the above.
    await removeMember(await asMember(bob), { operatorId: bob.id });
    expect(await listMembers(admin)).toEqual([expect.objectContaining({ email: "ada@example.com", role: "admin" })]);
  });

  it("two admins demoting (or removing) each other at once: one wins, one admin remains", async () => {
    for (const attempt of ["demote", "remove"] as const) {
      const a = await member(`a-${attempt}@example.com`, "admin");
      const b = await member(`b-${attempt}@example.com`, "admin");
      const [ca, cb] = await Promise.all([asMember(a), asMember(b)]);
      const results = await Promise.allSettled(
        attempt === "demote"
          ? [
              changeMemberRole(ca, { operatorId: b.id, role: "viewer" }),
              changeMemberRole(cb, { operatorId: a.id, role: "viewer" }),
            ]
          : [removeMember(ca, { operatorId: b.id }), removeMember(cb, { operatorId: a.id })],
      );
      // The loser was demoted or removed first, so its own request is refused (its role, or the last-admin rule).
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const admins = await db.membership.count({ where: { organizationId: org, role: "admin" } });
      expect(admins).toBe(1);
      await db.membership.deleteMany({ where: { organizationId: org } });
    }
  });

  it("answers not found for a member of another organization, and changes nothing there", async () => {
    const ada = await member("ada@example.com", "admin");
    const eve = await member("eve@example.com", "viewer", other);
    const admin = await asMember(ada);
    await expect(changeMemberRole(admin, { operatorId: eve.id, role: "admin" })).rejects.toThrow(/not a member/);
    await expect(removeMember(admin, { operatorId: eve.id })).rejects.toThrow(/not a member/);
    expect(await db.membership.findFirst({ where: { operatorId: eve.id } })).toMatchObject({ role: "viewer" });
    // Nor can an admin of one organization act in another by naming it.
    await expect(asMember(ada, other)).rejects.toThrow(/not a member/);
  });

  it("actions: the signed-in admin changes and removes; another organization's id is refused as not found", async () => {
    const ops = await signIn(db);
    await db.membership.create({ data: { organizationId: org, operatorId: ops.id, role: "admin" } });
    const bob = await member("bob@example.com", "viewer");
    expect(await changeMemberRoleAction({ organizationId: org, operatorId: bob.id, role: "admin" })).toMatchObject({
      ok: true,
      data: { role: "admin" },
    });
    expect(
      await changeMemberRoleAction({ organizationId: org, operatorId: bob.id, role: "owner" as never }),
    ).toMatchObject({
      ok: false,
      error: /admin or viewer/,
    });
    expect(await removeMemberAction({ organizationId: other, operatorId: bob.id })).toMatchObject({
      ok: false,
      error: /not a member/,
    });
    expect(await removeMemberAction({ organizationId: org, operatorId: bob.id })).toMatchObject({ ok: true });
    expect(await db.membership.count({ where: { organizationId: org } })).toBe(1);
  });
});
