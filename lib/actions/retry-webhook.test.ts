import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { startReceiver, type Receiver } from "@/lib/test/receivers";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { retryWebhookAction } from "./retry-webhook";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

let receiver: Receiver;
beforeAll(async () => (receiver = await startReceiver()));
afterAll(() => receiver.close());

describe(`"Retry" on ${testProvider}`, () => {
  it("sends a failed event again at once under its unique key and returns its new detail", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "hmac" });
    const id = await webhookWithStatus(db, endpoint.id, "failed");
    const result = await retryWebhookAction({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId: endpoint.id,
      webhookId: id,
    });
    expect(result).toMatchObject({ ok: true, data: { id, status: "succeeded", retries: 3, responseCode: 200 } });
    expect(receiver.requests.at(-1)?.headers["x-lago-unique-key"]).toBe(id);
  });

  it("refuses a delivered event, and one of another endpoint", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "hmac" });
    const other = await createEndpoint(DEFAULT_ORG, { url: `${receiver.url}/other`, signatureAlgo: "hmac" });
    const succeeded = await webhookWithStatus(db, endpoint.id, "succeeded");
    expect(
      await retryWebhookAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        webhookId: succeeded,
      }),
    ).toEqual({
      ok: false,
      error: "This webhook was delivered; resend it to send it again.",
    });
    const failed = await webhookWithStatus(db, endpoint.id, "failed");
    expect(
      await retryWebhookAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: other.id, webhookId: failed }),
    ).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
    expect(await db.webhook.findUniqueOrThrow({ where: { id: failed } })).toMatchObject({
      status: "failed",
      retries: 2,
    });
  });

  it("sends nothing for a signed-out caller", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "hmac" });
    const id = await webhookWithStatus(db, endpoint.id, "failed");
    const sent = receiver.requests.length;
    signOut();
    expect(
      await retryWebhookAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id, webhookId: id }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(receiver.requests.length).toBe(sent);
    expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed" });
  });
});
