import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { setupTestDb } from "@/lib/test/db";
import { closeReceivers, drain, endpoint, fastRetries, receiver } from "@/lib/test/delivery";
import { captureLogs } from "@/lib/test/logs";
import { reply } from "@/lib/test/receivers";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { emitEvent } from "@/lib/webhooks/emit";
import { logger, logUnexpected } from "./logger";

let teardown: () => Promise<void>;

beforeAll(async () => {
  fastRetries();
  process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "10000";
  ({ teardown } = await setupTestDb());
});
afterAll(() => teardown());
afterEach(async () => {
  process.env.HOOKLINE_LOG_LEVEL = "warn";
  delete process.env.HOOKLINE_LOG_FORMAT;
  await closeReceivers();
});

describe("the log", () => {
  it("writes one JSON object per line with level, time, message and the ids, and never a secret or a payload", async () => {
    process.env.HOOKLINE_LOG_LEVEL = "debug";
    const logs = captureLogs();
    try {
      const secrets = {
        hmac: "hmac-secret-KNOWN-7f3a9c",
        standard: "whsec_S05PV04tU0VDUkVULXN0YW5kYXJkLTEyMzQ1Njc4",
        urlToken: "URL-TOKEN-5d2e",
        payload: "PAYLOAD-MARKER-91b7",
        response: "RESPONSE-MARKER-c4d1",
      };
      const ok = await receiver(reply(200, `{"echo":"${secrets.response}"}`));
      const failing = await receiver(reply(500, `oops ${secrets.response}`));
      const a = await endpoint(`${ok.url}/${secrets.urlToken}`, { signatureAlgo: "hmac", secret: secrets.hmac });
      const b = await endpoint(`${failing.url}/${secrets.urlToken}`, {
        signatureAlgo: "standard",
        secret: secrets.standard,
      });
      const event = await emitEvent(
        { organizationId: DEFAULT_ORGANIZATION_ID },
        {
          webhookType: "invoice.created",
          objectType: "invoice",
          object: { lago_id: "inv_1", note: secrets.payload },
        },
      );
      await drain();
      logUnexpected("a request", new Error("boom"));

      const lines = logs.lines();
      expect(logs.raw.length).toBeGreaterThan(3);
      for (const line of lines) {
        expect(typeof line.level).toBe("string");
        expect(typeof line.msg).toBe("string");
        expect(Date.parse(line.time as string)).not.toBeNaN();
      }
      const accepted = lines.find((line) => line.msg === "event accepted");
      expect(accepted).toMatchObject({ level: "debug", eventId: event.event.id, organizationId: expect.any(String) });
      const attempts = lines.filter((line) => line.msg === "delivery attempt recorded");
      expect(attempts).toHaveLength(4);
      expect(attempts[0]).toMatchObject({ eventId: event.event.id, webhookId: expect.any(String) });
      expect(new Set(attempts.map((line) => line.endpointId))).toEqual(new Set([a.id, b.id]));
      expect(lines.find((line) => line.msg === "webhook failed")).toMatchObject({
        level: "warn",
        endpointId: b.id,
        status: 500,
      });
      expect(lines.find((line) => line.msg === "a request failed")).toMatchObject({
        level: "error",
        err: { message: "boom" },
      });

      const text = logs.raw.join("\n");
      for (const value of Object.values(secrets)) expect(text).not.toContain(value);
      // The Standard Webhooks secret's key material, in case it is logged without its prefix.
      expect(text).not.toContain(secrets.standard.slice(6));
      expect((await getDb().attempt.count()) > 0).toBe(true);
    } finally {
      logs.restore();
    }
  });

  it("censors fields named like secrets, and follows HOOKLINE_LOG_LEVEL", () => {
    const logs = captureLogs();
    try {
      logger().warn({ secret: "s3cr3t", endpoint: { secret: "n3st3d" }, authorization: "Bearer x" }, "careful");
      logger().info("below the level");
      process.env.HOOKLINE_LOG_LEVEL = "error";
      logger().warn("also below");
      expect(logs.lines()).toEqual([
        expect.objectContaining({
          msg: "careful",
          secret: "[redacted]",
          endpoint: { secret: "[redacted]" },
          authorization: "[redacted]",
        }),
      ]);
    } finally {
      logs.restore();
    }
  });

  it("writes coloured lines for a terminal with HOOKLINE_LOG_FORMAT=pretty", () => {
    process.env.HOOKLINE_LOG_FORMAT = "pretty";
    expect(() => logger()).not.toThrow();
    expect(logger().level).toBe("warn");
  });
});
