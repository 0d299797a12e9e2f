import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { replayFailedAction } from "./replay-failed";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

const DAY = 86_400_000;

describe(`"Retry all failed since" on ${testProvider}`, () => {
  it("re-queues the endpoint's failed events and returns the replay to follow", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const id = await webhookWithStatus(db, endpoint.id, "failed");
    const since = new Date(Date.now() - DAY);
    const result = await replayFailedAction({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId: endpoint.id,
      since: since.toISOString(),
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.data).toEqual({ id: expect.any(String), count: 1, since: since.toISOString() });
    // Queued for the worker (manualDueAt): the status changes when the attempt is made.
    expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      manualDueAt: expect.any(Date),
      replayId: result.data.id,
    });
  });

  it("refuses a time that is not one, or too far back, naming the field", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    expect(
      await replayFailedAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        since: "yesterday",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { since: [expect.stringMatching(/ISO 8601/)] },
    });
    const tooOld = new Date(Date.now() - 20 * DAY).toISOString();
    expect(
      await replayFailedAction({ organizationId: DEFAULT_ORGANIZATION_ID, endpointId: endpoint.id, since: tooOld }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { since: [expect.any(String)] },
    });
  });

  it("re-queues nothing for a signed-out caller", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
    const id = await webhookWithStatus(db, endpoint.id, "failed");
    signOut();
    expect(
      await replayFailedAction({
        organizationId: DEFAULT_ORGANIZATION_ID,
        endpointId: endpoint.id,
        since: new Date(Date.now() - DAY).toISOString(),
      }),
    ).toMatchObject({
      ok: false,
      error: /session has ended/,
    });
    expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", replayId: null });
  });
});
