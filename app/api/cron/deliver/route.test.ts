import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { apiRequest, newKey, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver, verifyingJwt, type Receiver } from "@/lib/test/receivers";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { jwtIssuer } from "@/lib/webhooks/signing";
import { POST as emit } from "@/app/api/v1/events/route";
import { GET as publicKey } from "@/app/api/v1/webhooks/public_key/route";
import { GET, POST } from "./route";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { captureLogs } from "@/lib/test/logs";
import { INTERNAL_ERROR_MESSAGE } from "@/lib/errors";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";

// The real pass, which one test makes fail.
vi.mock("@/lib/webhooks/delivery/loop", async (importOriginal) => {
  const loop = await importOriginal<typeof import("@/lib/webhooks/delivery/loop")>();
  return { ...loop, runDeliveryPass: vi.fn(loop.runDeliveryPass) };
});

let db: Db;
let teardown: () => Promise<void>;
const receivers: Receiver[] = [];
const SECRET = "cron-secret-for-tests-0123456789";

beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  process.env.CRON_SECRET = SECRET;
});
afterEach(async () => {
  delete process.env.CRON_SECRET;
  delete process.env.HOOKLINE_CRON_BUDGET_MS;
  while (receivers.length) await receivers.pop()!.close();
});

type Stats = { ok: boolean; budget_ms: number; claimed: number; succeeded: number; failed: number; retrying: number };
const tick = (handler: typeof GET, authorization?: string) =>
  handler(apiRequest("GET", "/api/cron/deliver", { headers: authorization ? { authorization } : {} }), undefined);

describe(`/api/cron/deliver on ${testProvider}`, () => {
  it.each([
    ["no Authorization", undefined],
    ["a wrong secret", "Bearer wrong"],
    ["a longer secret", `Bearer ${SECRET}x`],
    ["the secret as Basic", `Basic ${SECRET}`],
  ])("answers 401 to %s", async (_, authorization) => {
    for (const handler of [GET, POST]) expect((await read(await tick(handler, authorization))).status).toBe(401);
  });

  it("answers 503 while CRON_SECRET is unset", async () => {
    delete process.env.CRON_SECRET;
    const { status, body } = await read(await tick(GET, "Bearer "));
    expect(status).toBe(503);
    expect(body.code).toBe("cron_disabled");
  });

  it("disables an endpoint that only failed for days, as the loop would when it is off", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, {
      url: "https://example.com/always-down",
      signatureAlgo: "hmac",
    });
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - 6 * 86_400_000), consecutiveFailures: 12 },
    });
    expect((await read(await tick(POST, `Bearer ${SECRET}`))).status).toBe(200);
    const after = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toMatch(/Disabled automatically: every delivery failed/);
  });

  it("runs a bounded pass on GET and POST and returns its counts", async () => {
    process.env.HOOKLINE_CRON_BUDGET_MS = "2000";
    for (const handler of [GET, POST]) {
      const { status, body } = await read<Stats>(await tick(handler, `Bearer ${SECRET}`));
      expect(status).toBe(200);
      expect(body).toMatchObject({ ok: true, budget_ms: 2000, claimed: 0, succeeded: 0, failed: 0, retrying: 0 });
    }
  });

  it("answers a failed pass with the API's generic 500, logging the error once", async () => {
    vi.mocked(runDeliveryPass).mockRejectedValueOnce(new Error("connect ECONNREFUSED postgres://user:secret@db"));
    const log = captureLogs();
    try {
      const { status, body } = await read(await tick(POST, `Bearer ${SECRET}`));
      expect(status).toBe(500);
      expect(body).toEqual({
        status: 500,
        error: "Internal Server Error",
        code: "internal_error",
        message: INTERNAL_ERROR_MESSAGE,
      });
      const errors = log.lines().filter((line) => line.level === "error");
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).toContain("ECONNREFUSED");
    } finally {
      log.restore();
    }
  });

  it("delivers an event accepted by the API, signed with the key the API serves", async () => {
    const key = await newKey();
    const pem = Buffer.from(
      await (await publicKey(apiRequest("GET", "/api/v1/webhooks/public_key", { key }), undefined)).text(),
      "base64",
    ).toString();
    const receiver = await startReceiver(verifyingJwt(pem, jwtIssuer()));
    receivers.push(receiver);
    await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "jwt" });

    const body = { event: { webhook_type: "customer.created", object_type: "customer", object: { lago_id: "c1" } } };
    expect((await emit(apiRequest("POST", "/api/v1/events", { key, body }), undefined)).status).toBe(202);

    const { status, body: stats } = await read<Stats>(await tick(POST, `Bearer ${SECRET}`));
    expect(status).toBe(200);
    expect(stats).toMatchObject({ claimed: 1, succeeded: 1, failed: 0 });
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(receiver.requests[0].body)).toMatchObject({
      webhook_type: "customer.created",
      customer: { lago_id: "c1" },
    });
    expect((await db.webhook.findFirstOrThrow()).status).toBe("succeeded");
  });
});
