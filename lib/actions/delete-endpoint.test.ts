import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { deleteEndpointAction } from "./delete-endpoint";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Delete" on ${testProvider}`, () => {
  it("deletes the endpoint once; a second time it does not exist", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "standard" });
    expect(
      await deleteEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: true,
      data: { id: endpoint.id },
    });
    expect(
      await deleteEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("deletes nothing for a signed-out caller", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    signOut();
    expect(
      await deleteEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await db.webhookEndpoint.count()).toBe(1);
  });
});
