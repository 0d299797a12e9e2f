import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiRequest, newKey, params, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { reply, startReceiver } from "@/lib/test/receivers";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";
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

const IN_AN_HOUR = () => new Date(Date.now() + 3_600_000);

async function webhookWithStatus(status: string, url = `https://example.com/${status}`): Promise<string> {
  const endpoint = await createEndpoint(DEFAULT_ORG, { url, signatureAlgo: "hmac" });
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: "{}",
    },
  });
  const webhook = await db.webhook.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      eventId: event.id,
      endpointId: endpoint.id,
      webhookType: "invoice.created",
      objectType: "invoice",
      status,
      attemptCount: status === "pending" ? 0 : 3,
      retries: status === "pending" ? 0 : 2,
      nextAttemptAt: status === "retrying" ? IN_AN_HOUR() : null,
    },
  });
  return webhook.id;
}

const retry = (id: string, k: string | null = key) =>
  POST(apiRequest("POST", `/api/v1/webhooks/${id}/retry`, { key: k }), params({ id }));

describe(`POST /api/v1/webhooks/:id/retry on ${testProvider}`, () => {
  it("queues an attempt now for a failed webhook under the same id, and answers 202", async () => {
    const id = await webhookWithStatus("failed");
    const { status, body } = await read(await retry(id));
    expect(status).toBe(202);
    expect(body).toMatchObject({ webhook: { id, webhook_type: "invoice.created", status: "failed", retries: 2 } });
    const row = await db.webhook.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.manualDueAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("retries a retrying webhook at once (not at its next time), which keeps its schedule", async () => {
    const receiver = await startReceiver(reply(200));
    try {
      const id = await webhookWithStatus("retrying", receiver.url);
      const { status, body } = await read(await retry(id));
      expect(status).toBe(202);
      expect(body).toMatchObject({ webhook: { id, status: "retrying", retries: 2 } });
      expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 1, succeeded: 1 });
      expect(receiver.requests.map((r) => r.headers["x-lago-unique-key"])).toEqual([id]);
      expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "succeeded",
        retries: 3,
        manualAttempts: 1,
        nextAttemptAt: null,
      });
    } finally {
      await receiver.close();
    }
  });

  it("refuses a webhook whose last attempt did not fail with Lago's 405 invalid_status", async () => {
    for (const state of ["succeeded", "pending"]) {
      const id = await webhookWithStatus(state);
      const { status, body } = await read(await retry(id));
      expect([status, body.code]).toEqual([405, "invalid_status"]);
      expect((await db.webhook.findUniqueOrThrow({ where: { id } })).status).toBe(state);
    }
  });

  it("answers 404 for an unknown id and 401 without a valid key", async () => {
    expect(await read(await retry("0198c0de-0000-7000-8000-000000000000"))).toMatchObject({
      status: 404,
      body: { code: "webhook_not_found" },
    });
    expect((await retry("x".repeat(100))).status).toBe(404);
    const id = await webhookWithStatus("failed");
    expect((await retry(id, null)).status).toBe(401);
    expect((await db.webhook.findUniqueOrThrow({ where: { id } })).status).toBe("failed");
  });
});
