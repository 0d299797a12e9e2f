import { describe, expect, it, vi } from "vitest";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint, getEndpoint } from "@/lib/webhooks/endpoints";
import { updateEndpointAction } from "./update-endpoint";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

signedInTestDb();

describe(`"Edit" on ${testProvider}`, () => {
  it("edits URL, name, signature and event types, with per-field errors", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "jwt" });
    const result = await updateEndpointAction({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId: endpoint.id,
      url: "https://b.example/hook",
      name: "Billing",
      signatureAlgo: "standard",
      eventTypes: ["invoice.created"],
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        url: "https://b.example/hook",
        name: "Billing",
        signatureAlgo: "standard",
        eventTypes: ["invoice.created"],
      },
    });
    expect(
      await updateEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id, url: "ftp://x" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { url: [expect.stringMatching(/valid http/)] },
    });
    expect(
      await updateEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id, eventTypes: [] }),
    ).toMatchObject({
      ok: false,
      error: /at least one event type/,
    });
    expect(
      await updateEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        secret: "mine",
      } as never),
    ).toMatchObject({
      ok: false,
      error: /secret/,
    });
  });

  it("changes nothing for a signed-out caller, whatever it sends", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    signOut();
    for (const url of ["https://evil.example/hook", "not a url"]) {
      expect(
        await updateEndpointAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id, url }),
      ).toEqual({
        ok: false,
        error: "Your session has ended. Sign in again.",
      });
    }
    expect(await getEndpoint(DEFAULT_ORG, endpoint.id)).toMatchObject({ url: "https://a.example/hook" });
  });
});
