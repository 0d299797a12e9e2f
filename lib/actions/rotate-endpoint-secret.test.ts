import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { rotateEndpointSecretAction } from "./rotate-endpoint-secret";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Rotate secret" on ${testProvider}`, () => {
  it("returns the new secret, stored; the old one keeps signing for the overlap", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "standard" });
    const before = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    const rotated = await rotateEndpointSecretAction({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId: endpoint.id,
    });
    if (!rotated.ok) throw new Error(rotated.error);
    expect(rotated.data.secret).not.toBe(before.secret);
    expect(rotated.data.previousSecretUntil!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      secret: rotated.data.secret,
      previousSecret: before.secret,
    });
  });

  it("rotates nothing for a signed-out caller", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const before = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    signOut();
    expect(
      await rotateEndpointSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      secret: before.secret,
    });
  });
});
