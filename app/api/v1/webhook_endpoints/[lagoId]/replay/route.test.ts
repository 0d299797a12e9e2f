import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiRequest, newKey, params, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { POST } from "./route";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
let key: string;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  key = await newKey();
});

const DAY = 86_400_000;
const replay = (lagoId: string, body: unknown, k: string | null = key) =>
  POST(apiRequest("POST", `/api/v1/webhook_endpoints/${lagoId}/replay`, { key: k, body }), params({ lagoId }));

async function failedWebhooks(endpointId: string, n: number, ageMs: number, status = "failed") {
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: "{}",
    },
  });
  const nextAttemptAt = status === "retrying" ? new Date(Date.now() + 3_600_000) : null;
  for (let i = 0; i < n; i++) {
    await db.webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: event.id,
        endpointId,
        webhookType: "invoice.created",
        objectType: "invoice",
        status,
        attemptCount: 3,
        retries: 2,
        nextAttemptAt,
        createdAt: new Date(Date.now() - ageMs),
      },
    });
  }
}

describe(`POST /api/v1/webhook_endpoints/:lago_id/replay on ${testProvider}`, () => {
  it("queues the failed and retrying webhooks since the time and answers 202 with the count", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/replay", signatureAlgo: "hmac" });
    await failedWebhooks(endpoint.id, 2, 3_600_000);
    await failedWebhooks(endpoint.id, 1, 3_600_000, "retrying");
    await failedWebhooks(endpoint.id, 1, 3 * DAY);
    const since = new Date(Date.now() - DAY).toISOString();
    const { status, body } = await read(await replay(endpoint.id, { since }));
    expect(status).toBe(202);
    expect(body).toEqual({ replay: { count: 3, since } });
    const queued = await db.webhook.findMany({
      where: { endpointId: endpoint.id, manualDueAt: { not: null } },
      select: { status: true },
    });
    expect(queued.map((w) => w.status).sort()).toEqual(["failed", "failed", "retrying"]);
  });

  it("answers 422 with error_details for a bad or too old time, a body of another shape, or a disabled endpoint", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/replay", signatureAlgo: "hmac" });
    const tooOld = await read(await replay(endpoint.id, { since: new Date(Date.now() - 15 * DAY).toISOString() }));
    expect(tooOld.status).toBe(422);
    expect(tooOld.body.code).toBe("validation_errors");
    expect(tooOld.body.error_details?.since?.[0]).toMatch(
      /^Failed events can be retried up to 14 days back: choose a time after \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    );

    expect(await read(await replay(endpoint.id, { since: "yesterday" }))).toMatchObject({
      status: 422,
      body: { error_details: { since: ["must be an ISO 8601 date and time, e.g. 2026-11-26T09:00:00Z"] } },
    });
    expect(await read(await replay(endpoint.id, { since: new Date().toISOString(), until: "x" }))).toMatchObject({
      status: 422,
      body: { error_details: { until: ["is not a known field"] } },
    });

    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    expect(await read(await replay(endpoint.id, { since: new Date().toISOString() }))).toMatchObject({
      status: 422,
      body: { error_details: { base: ["This endpoint is disabled. Enable it before retrying its failed events."] } },
    });
  });

  it("answers 404 for an unknown endpoint and 401 without a valid key", async () => {
    const since = new Date().toISOString();
    expect(await read(await replay("0198c0de-0000-7000-8000-000000000000", { since }))).toMatchObject({
      status: 404,
      body: { code: "webhook_endpoint_not_found" },
    });
    expect((await replay("x".repeat(100), { since })).status).toBe(404);
    expect((await replay("0198c0de-0000-7000-8000-000000000000", { since }, null)).status).toBe(401);
  });
});
