import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpointAction } from "./create-endpoint";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Add webhook" on ${testProvider}`, () => {
  it("adds an endpoint for every type by default, refuses a bad URL and a duplicate per field", async () => {
    const added = await createEndpointAction({
      organizationId: DEFAULT_ORGANIZATION_ID,
      url: "https://a.example/hook",
      signatureAlgo: "jwt",
      eventTypes: null,
    });
    expect(added).toMatchObject({
      ok: true,
      data: { url: "https://a.example/hook", signatureAlgo: "jwt", eventTypes: null, enabled: true },
    });
    expect(
      await createEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        url: "ftp://a.example",
        signatureAlgo: "jwt",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { url: [expect.stringMatching(/valid http/)] },
    });
    expect(
      await createEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        url: "https://a.example/hook",
        signatureAlgo: "hmac",
      }),
    ).toEqual({
      ok: false,
      error: "This webhook URL is already registered.",
      fieldErrors: { url: ["This webhook URL is already registered."] },
    });
    expect(await db.webhookEndpoint.count()).toBe(1);
  });

  it("adds nothing for a signed-out caller", async () => {
    signOut();
    expect(
      await createEndpointAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        url: "https://a.example/hook",
        signatureAlgo: "jwt",
      }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await db.webhookEndpoint.count()).toBe(0);
  });
});
