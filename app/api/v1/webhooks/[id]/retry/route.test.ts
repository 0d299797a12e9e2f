import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiRequest, newKey, params, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { POST } from "./route";

let db: Db;
let teardown: () => Promise<void>;
let key: string;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  key = await newKey();
});

async function webhookWithStatus(status: string): Promise<string> {
  const endpoint = await createEndpoint({ url: `https://example.com/${status}`, signatureAlgo: "hmac" });
  const event = await db.event.create({ data: { webhookType: "invoice.created", objectType: "invoice", body: "{}" } });
  const webhook = await db.webhook.create({
    data: { eventId: event.id, endpointId: endpoint.id, webhookType: "invoice.created", objectType: "invoice", status, attemptCount: 3, retries: 2 },
  });
  return webhook.id;
}

const retry = (id: string, k: string | null = key) => POST(apiRequest("POST", `/api/v1/webhooks/${id}/retry`, { key: k }), params({ id }));

describe(`POST /api/v1/webhooks/:id/retry on ${testProvider}`, () => {
  it("makes a failed webhook due now under the same id, and answers 202", async () => {
    const id = await webhookWithStatus("failed");
    const { status, body } = await read(await retry(id));
    expect(status).toBe(202);
    expect(body).toMatchObject({ webhook: { id, webhook_type: "invoice.created", status: "retrying", retries: 2 } });
    const row = await db.webhook.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("retrying");
    expect(row.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a webhook that has not failed with Lago's 405 invalid_status", async () => {
    for (const state of ["succeeded", "pending", "retrying"]) {
      const id = await webhookWithStatus(state);
      const { status, body } = await read(await retry(id));
      expect([status, body.code]).toEqual([405, "invalid_status"]);
      expect((await db.webhook.findUniqueOrThrow({ where: { id } })).status).toBe(state);
    }
  });

  it("answers 404 for an unknown id and 401 without a valid key", async () => {
    expect(await read(await retry("0198c0de-0000-7000-8000-000000000000"))).toMatchObject({ status: 404, body: { code: "webhook_not_found" } });
    expect((await retry("x".repeat(100))).status).toBe(404);
    const id = await webhookWithStatus("failed");
    expect((await retry(id, null)).status).toBe(401);
    expect((await db.webhook.findUniqueOrThrow({ where: { id } })).status).toBe("failed");
  });
});
