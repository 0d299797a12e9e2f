import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signIn } from "@/lib/test/session";
import { createOrganizationAction } from "@/lib/actions/create-organization";
import { updateOrganizationAction } from "@/lib/actions/update-organization";
import { organizationsForOwner } from "./owner";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((d) => (db = d));

let ownerId: string;
beforeEach(async () => {
  ownerId = (await signIn(db)).id;
  await db.operator.update({ where: { id: ownerId }, data: { isOwner: true } });
});

describe(`The owner's organizations on ${testProvider}`, () => {
  it("the owner creates and edits organizations, with an optional external id, portal name and accent colour", async () => {
    const created = await createOrganizationAction({
      name: " Acme ",
      externalId: "cus_1",
      portalAccentColor: "#E11D48",
    });
    expect(created).toMatchObject({
      ok: true,
      data: { name: "Acme", externalId: "cus_1", portalAccentColor: "#e11d48" },
    });
    const id = created.ok ? created.data.id : "";
    expect(await updateOrganizationAction({ id, name: "Acme Inc.", portalName: "Acme webhooks" })).toMatchObject({
      ok: true,
      data: { name: "Acme Inc.", externalId: "cus_1", portalName: "Acme webhooks" },
    });
    expect(await createOrganizationAction({ name: "Other", externalId: "cus_1" })).toMatchObject({
      ok: false,
      fieldErrors: { externalId: [expect.stringMatching(/already has this external id/)] },
    });
    expect(await createOrganizationAction({ name: "Bad", portalAccentColor: "red" })).toMatchObject({ ok: false });
    expect(await updateOrganizationAction({ id, name: "" })).toMatchObject({ ok: false });
    const listed = await organizationsForOwner(db);
    expect(listed.map((o) => [o.name, o.members])).toEqual([
      ["Default", 1],
      ["Acme Inc.", 0],
    ]);
  });

  it("anyone else is refused as if the action did not exist, and nothing changes", async () => {
    await db.operator.update({ where: { id: ownerId }, data: { isOwner: false } });
    expect(await createOrganizationAction({ name: "Sneaky" })).toMatchObject({ ok: false, error: /does not exist/ });
    const defaultId = (await organizationsForOwner(db))[0].id;
    expect(await updateOrganizationAction({ id: defaultId, name: "Renamed" })).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
    expect((await organizationsForOwner(db)).map((o) => o.name)).toEqual(["Default"]);
  });
});
