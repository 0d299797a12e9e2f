import { describe, expect, it, vi } from "vitest";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint, getEndpoint } from "@/lib/webhooks/endpoints";
import { disableEndpointAction } from "./disable-endpoint";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

signedInTestDb();

describe(`"Disable" on ${testProvider}`, () => {
  it("records the operator's name or a typed reason, refusing one too long", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    expect(
      await disableEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: true,
      data: { enabled: false, disabledReason: "Disabled by ops@example.com" },
    });
    expect(
      await disableEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        reason: "Receiver is moving to a new host",
      }),
    ).toMatchObject({
      ok: true,
      data: { disabledReason: "Receiver is moving to a new host" },
    });
    expect(
      await disableEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        reason: "x".repeat(201),
      }),
    ).toMatchObject({
      ok: false,
      error: /at most 200/,
    });
    expect(await getEndpoint(DEFAULT_ORG, endpoint.id)).toMatchObject({
      disabledReason: "Receiver is moving to a new host",
    });
  });

  it("leaves the endpoint enabled for a signed-out caller", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    signOut();
    expect(
      await disableEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await getEndpoint(DEFAULT_ORG, endpoint.id)).toMatchObject({ enabled: true });
  });
});
