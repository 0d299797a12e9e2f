import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { revealEndpointSecretAction } from "./reveal-endpoint-secret";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Reveal" on ${testProvider}`, () => {
  it("shows the endpoint's secret to a signed-in operator; an unknown endpoint is not found", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "standard" });
    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(
      await revealEndpointSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toEqual({
      ok: true,
      data: { secret: stored.secret, previousSecretUntil: null },
    });
    expect(stored.secret).toMatch(/^whsec_/);
    expect(
      await revealEndpointSecretAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: "0198c0de-0000-7000-8000-000000000000",
      }),
    ).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
  });

  it("shows a signed-out caller no secret", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    signOut();
    expect(
      await revealEndpointSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });
  });
});
