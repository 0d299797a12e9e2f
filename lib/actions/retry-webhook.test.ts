import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { signIn, signOut } from "@/lib/test/session";
import { startReceiver, type Receiver } from "@/lib/test/receivers";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { retryWebhookAction } from "./retry-webhook";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  await signIn(db);
});

let receiver: Receiver;
beforeAll(async () => (receiver = await startReceiver()));
afterAll(() => receiver.close());

/** A webhook of the endpoint in a given state, as the worker leaves one. */
async function webhookWithStatus(endpointId: string, status: string): Promise<string> {
  const event = await db.event.create({
    data: { webhookType: "invoice.created", objectType: "invoice", body: '{"webhook_type":"invoice.created"}' },
  });
  const webhook = await db.webhook.create({
    data: {
      eventId: event.id,
      endpointId,
      webhookType: "invoice.created",
      objectType: "invoice",
      status,
      attemptCount: 3,
      retries: 2,
    },
  });
  return webhook.id;
}

describe(`"Retry" on ${testProvider}`, () => {
  it("sends a failed event again at once under its unique key and returns its new detail", async () => {
    const endpoint = await createEndpoint({ url: receiver.url, signatureAlgo: "hmac" });
    const id = await webhookWithStatus(endpoint.id, "failed");
    const result = await retryWebhookAction({ endpointId: endpoint.id, webhookId: id });
    expect(result).toMatchObject({ ok: true, data: { id, status: "succeeded", retries: 3, responseCode: 200 } });
    expect(receiver.requests.at(-1)?.headers["x-lago-unique-key"]).toBe(id);
  });

  it("refuses an event that has not failed, and one of another endpoint", async () => {
    const endpoint = await createEndpoint({ url: receiver.url, signatureAlgo: "hmac" });
    const other = await createEndpoint({ url: `${receiver.url}/other`, signatureAlgo: "hmac" });
    const succeeded = await webhookWithStatus(endpoint.id, "succeeded");
    expect(await retryWebhookAction({ endpointId: endpoint.id, webhookId: succeeded })).toEqual({
      ok: false,
      error: "Only failed events can be retried.",
    });
    const failed = await webhookWithStatus(endpoint.id, "failed");
    expect(await retryWebhookAction({ endpointId: other.id, webhookId: failed })).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
    expect(await db.webhook.findUniqueOrThrow({ where: { id: failed } })).toMatchObject({
      status: "failed",
      retries: 2,
    });
  });

  it("sends nothing for a signed-out caller", async () => {
    const endpoint = await createEndpoint({ url: receiver.url, signatureAlgo: "hmac" });
    const id = await webhookWithStatus(endpoint.id, "failed");
    const sent = receiver.requests.length;
    signOut();
    expect(await retryWebhookAction({ endpointId: endpoint.id, webhookId: id })).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(receiver.requests.length).toBe(sent);
    expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed" });
  });
});
