import { describe, expect, it, vi } from "vitest";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint, getEndpoint, setEndpointEnabled } from "@/lib/webhooks/endpoints";
import { enableEndpointAction } from "./enable-endpoint";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

signedInTestDb();

describe(`"Enable" on ${testProvider}`, () => {
  it("enables a disabled endpoint and clears its reason; an unknown one is not found", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "Paused");
    expect(
      await enableEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: true,
      data: { enabled: true, disabledReason: null },
    });
    expect(
      await enableEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: "0198c0de-0000-7000-8000-000000000000",
      }),
    ).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
  });

  it("leaves the endpoint disabled for a signed-out caller", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "Paused");
    signOut();
    expect(
      await enableEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await getEndpoint(DEFAULT_ORG, endpoint.id)).toMatchObject({ enabled: false, disabledReason: "Paused" });
  });
});
