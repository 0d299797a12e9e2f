// The tenancy model: who may enter which organization with which role, where an operator lands, how an organization
// is named (id or external_id).
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppErrorCode } from "@/lib/errors";
import { testProvider } from "@/lib/test/db";
import { newOrganization } from "@/lib/test/organizations";
import { signedInTestDb, signIn } from "@/lib/test/session";
import { DEFAULT_ORGANIZATION_ID, memberContext, organizationsOf, orgScope, requireRole } from "./context";
import { findOrganization } from "./organizations";

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`the tenancy model on ${testProvider}`, () => {
  it("gives a member their role, the owner admin everywhere, anyone else NotFound as for a missing organization", async () => {
    const viewer = await signIn(db, "viewer@example.com", { role: "viewer" });
    const b = (await newOrganization(db, "Beta")).organizationId;
    expect(await memberContext(viewer, DEFAULT_ORGANIZATION_ID)).toMatchObject({
      organizationId: DEFAULT_ORGANIZATION_ID,
      role: "viewer",
      via: "member",
      operator: { email: "viewer@example.com", isOwner: false },
    });
    for (const organizationId of [b, "no-such-organization"])
      await expect(memberContext(viewer, organizationId)).rejects.toMatchObject({ code: AppErrorCode.NotFound });

    const owner = await signIn(db, "owner@example.com", { role: null });
    await db.operator.update({ where: { id: owner.id }, data: { isOwner: true } });
    expect(await memberContext(owner, b)).toMatchObject({ role: "admin", operator: { isOwner: true } });
    await expect(memberContext(owner, "no-such-organization")).rejects.toMatchObject({ code: AppErrorCode.NotFound });
  });

  it("lists the organizations an operator can enter, by name: their own, or every one for the owner", async () => {
    const b = (await newOrganization(db, "Beta")).organizationId;
    await newOrganization(db, "Alpha");
    const member = await signIn(db, "m@example.com", { organizationId: b, role: "viewer" });
    expect(await organizationsOf(member.id)).toEqual([{ id: b, name: "Beta", role: "viewer" }]);
    await db.operator.update({ where: { id: member.id }, data: { isOwner: true } });
    expect((await organizationsOf(member.id)).map((o) => [o.name, o.role])).toEqual([
      ["Alpha", "admin"],
      ["Beta", "viewer"],
      ["Default", "admin"],
    ]);
  });

  it("refuses a role below the one asked for with Forbidden; scopes by the organization only", () => {
    const viewer = { organizationId: "o", role: "viewer" as const, via: "member" as const };
    expect(() => requireRole(viewer, "admin")).toThrow(expect.objectContaining({ code: AppErrorCode.Forbidden }));
    expect(requireRole(viewer, "viewer")).toBe(viewer);
    expect(orgScope(viewer)).toEqual({ organizationId: "o" });
  });

  it("finds an organization by id or external_id, the id first; nothing for what cannot name one", async () => {
    const acme = (await newOrganization(db, "Acme", "acme")).organizationId;
    // Another organization whose external id is Acme's id: the id still names Acme.
    const tricky = (await newOrganization(db, "Tricky", acme)).organizationId;
    expect((await findOrganization(acme))?.id).toBe(acme);
    expect((await findOrganization("acme"))?.id).toBe(acme);
    expect(tricky).not.toBe(acme);
    for (const nothing of ["", "nope", "x".repeat(256), "a\u0000b", 42, null])
      expect(await findOrganization(nothing)).toBeNull();
  });
});
