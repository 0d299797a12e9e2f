import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { sendTestEventAction } from "./send-test-event";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`"Send test event" on ${testProvider}`, () => {
  it("sends a sample of the chosen type to that endpoint only, even past its filter", async () => {
    const target = await createEndpoint(DEFAULT_ORG, {
      url: "https://a.example/hook",
      signatureAlgo: "hmac",
      eventTypes: ["customer.created"],
    });
    await createEndpoint(DEFAULT_ORG, { url: "https://b.example/hook", signatureAlgo: "jwt" });

    const result = await sendTestEventAction({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId: target.id,
      webhookType: "invoice.voided",
    });
    if (!result.ok) throw new Error(result.error);
    const webhooks = await db.webhook.findMany();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({
      id: result.data.webhookId,
      endpointId: target.id,
      webhookType: "invoice.voided",
      status: "pending",
    });
    const body = JSON.parse((await db.event.findUniqueOrThrow({ where: { id: result.data.eventId } })).body);
    expect(body).toMatchObject({
      webhook_type: "invoice.voided",
      object_type: "invoice",
      invoice: { status: "voided" },
    });
  });

  it("refuses a type outside the catalogue, an unknown endpoint, and a signed-out caller, writing nothing", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    expect(
      await sendTestEventAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        webhookType: "made.up",
      } as never),
    ).toMatchObject({
      ok: false,
      error: "Choose an event type from the list.",
    });
    expect(
      await sendTestEventAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: "0198c0de-0000-7000-8000-000000000000",
        webhookType: "invoice.created",
      }),
    ).toMatchObject({
      ok: false,
      error: /not found/,
    });
    signOut();
    expect(
      await sendTestEventAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        webhookType: "invoice.created",
      }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await db.event.count()).toBe(0);
  });
});
