import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { testProvider } from "@/lib/test/db";
import {
  closedPortUrl,
  hang,
  largeBody,
  reply,
  resetMidResponse,
  verifyingHmac,
  verifyingJwt,
} from "@/lib/test/receivers";
import { postWebhook } from "../http";
import { getSigningKey } from "../signing-key";
import { generateStandardSecret, jwtIssuer } from "../signing";
import { runDeliveryPass } from "./loop";
import { attemptsOf, drain, emit, endpoint, receiver, webhookOf, withDeliveryTestDb } from "@/lib/test/delivery";

// Prepare (endpoint, body, signature) and the HTTP call, through delivery passes against loopback receivers.

const { db } = withDeliveryTestDb();

describe(`delivering on ${testProvider}`, () => {
  describe("signatures a Lago receiver accepts", () => {
    it("JWT: verified with the installation's public key, issuer and data === body; a tampered body is refused", async () => {
      const { publicKeyPem } = await getSigningKey();
      const r = await receiver(verifyingJwt(publicKeyPem, jwtIssuer()));
      await endpoint(r.url, { signatureAlgo: "jwt" });
      const emitted = await emit();
      expect(await drain()).toMatchObject({ claimed: 1, succeeded: 1, failed: 0, retrying: 0 });

      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({
        status: "succeeded",
        attemptCount: 1,
        retries: 0,
        lastHttpStatus: 200,
        lastResponse: "ok",
        lastError: null,
      });
      expect(webhook.deliveredAt).not.toBeNull();
      expect(webhook.leaseOwner).toBeNull();
      const [request] = r.requests;
      expect(request.body).toBe((await db().event.findUniqueOrThrow({ where: { id: emitted.event.id } })).body);
      expect(request.headers).toMatchObject({
        "x-lago-unique-key": webhook.id,
        "x-lago-signature-algorithm": "jwt",
        "content-type": "application/json",
        "user-agent": "Hookline-Webhooks/1.0",
      });

      const tampered = await postWebhook({
        url: r.url,
        body: request.body.replace("26400", "1"),
        headers: {
          "X-Lago-Signature": String(request.headers["x-lago-signature"]),
          "X-Lago-Signature-Algorithm": "jwt",
        },
      });
      expect(tampered).toMatchObject({ ok: false, status: 401, body: "data does not match the body" });
    });

    it("HMAC: verified with the endpoint's secret; a tampered body is refused", async () => {
      const r = await receiver(verifyingHmac("endpoint-secret-1"));
      await endpoint(r.url, { signatureAlgo: "hmac", secret: "endpoint-secret-1" });
      const emitted = await emit();
      await drain();
      expect(await webhookOf(emitted)).toMatchObject({ status: "succeeded", lastHttpStatus: 200 });
      const [request] = r.requests;
      const tampered = await postWebhook({
        url: r.url,
        body: request.body.replace("ACM-0001", "ACM-9999"),
        headers: {
          "X-Lago-Signature": String(request.headers["x-lago-signature"]),
          "X-Lago-Signature-Algorithm": "hmac",
        },
      });
      expect(tampered.status).toBe(401);
    });

    it("HMAC with the wrong secret fails the attempt (the receiver's 401 is recorded)", async () => {
      const r = await receiver(verifyingHmac("the-receivers-idea-of-the-secret"));
      await endpoint(r.url, { signatureAlgo: "hmac", secret: "endpoint-secret-1" });
      const emitted = await emit();
      await runDeliveryPass({ budgetMs: 5_000 });
      expect(await webhookOf(emitted)).toMatchObject({
        status: "retrying",
        lastHttpStatus: 401,
        lastResponse: "bad signature",
      });
    });

    it("Standard Webhooks: both secrets verify during a rotation, only the new one after it", async () => {
      const current = generateStandardSecret();
      const previous = generateStandardSecret();
      const r = await receiver();
      const ep = await endpoint(r.url, {
        signatureAlgo: "standard",
        secret: current,
        previousSecret: previous,
        previousSecretUntil: new Date(Date.now() + 3_600_000),
      });
      await emit();
      await drain();
      const headersOf = (i: number) => r.requests[i].headers as Record<string, string>;
      expect(new StandardWebhook(current).verify(r.requests[0].body, headersOf(0))).toMatchObject({
        webhook_type: "invoice.created",
      });
      expect(new StandardWebhook(previous).verify(r.requests[0].body, headersOf(0))).toBeTruthy();
      expect(headersOf(0)["x-lago-unique-key"]).toBe(headersOf(0)["webhook-id"]);

      await db().webhookEndpoint.update({
        where: { id: ep.id },
        data: { previousSecretUntil: new Date(Date.now() - 1000) },
      });
      await emit();
      await drain();
      expect(new StandardWebhook(current).verify(r.requests[1].body, headersOf(1))).toBeTruthy();
      expect(() => new StandardWebhook(previous).verify(r.requests[1].body, headersOf(1))).toThrow();
    });
  });

  describe("what the HTTP call records", () => {
    it("404 and 301 fail the attempt; the redirect is not followed", async () => {
      const target = await receiver();
      const notFound = await receiver(reply(404, "no such route"));
      const moved = await receiver(reply(301, "", { Location: target.url }));
      await endpoint(notFound.url);
      await endpoint(moved.url);
      const emitted = await emit();
      expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 2, retrying: 2 });
      const webhooks = await db().webhook.findMany({
        where: { eventId: emitted.event.id },
        include: { endpoint: true },
      });
      const byUrl = Object.fromEntries(webhooks.map((w) => [w.endpoint.url, w]));
      expect(byUrl[notFound.url]).toMatchObject({
        status: "retrying",
        lastHttpStatus: 404,
        lastResponse: "no such route",
        attemptCount: 1,
        retries: 0,
      });
      expect(byUrl[moved.url]).toMatchObject({ status: "retrying", lastHttpStatus: 301 });
      expect(target.requests).toHaveLength(0);
    });

    it("records timeouts, refused and reset connections as attempt errors", async () => {
      const hanging = await receiver(hang);
      const resetting = await receiver(resetMidResponse);
      const refused = await closedPortUrl();
      for (const u of [hanging.url, resetting.url, refused]) await endpoint(u);
      const emitted = await emit();
      await runDeliveryPass({ budgetMs: 5_000 });
      const webhooks = await db().webhook.findMany({
        where: { eventId: emitted.event.id },
        include: { endpoint: true, attempts: true },
      });
      const errorOf = (u: string) => webhooks.find((w) => w.endpoint.url === u)!;
      // Each attempt times out; how many fit in the pass depends on the machine's load, so the status may be either.
      expect(errorOf(hanging.url)).toMatchObject({ lastError: "Timed out after 400 ms", lastHttpStatus: null });
      expect(errorOf(hanging.url).status).toMatch(/^(retrying|failed)$/);
      expect(errorOf(resetting.url)).toMatchObject({ lastError: "Connection reset" });
      expect(errorOf(refused)).toMatchObject({ lastError: "Connection refused", lastHttpStatus: null });
      for (const u of [resetting.url, refused]) {
        expect(errorOf(u).status).toMatch(/^(retrying|failed)$/);
        expect(errorOf(u).attempts.every((a) => !a.succeeded && a.error === errorOf(u).lastError)).toBe(true);
      }
      const timedOut = errorOf(hanging.url).attempts[0];
      expect(timedOut).toMatchObject({ succeeded: false, statusCode: null, error: "Timed out after 400 ms" });
      expect(timedOut.durationMs).toBeGreaterThanOrEqual(390);
    });

    it("records the request as sent (signature headers, no secret) and the answer's headers", async () => {
      const r = await receiver(reply(202, "queued", { "X-Request-Id": "req_42", "Set-Cookie": "a=1" }));
      await endpoint(r.url, { signatureAlgo: "hmac", secret: "endpoint-secret-headers" });
      const emitted = await emit();
      await drain();
      const [attempt] = await attemptsOf((await webhookOf(emitted)).id);
      const [received] = r.requests;
      const sent = attempt.requestHeaders as [string, string][];
      expect(attempt.requestUrl).toBe(r.url);
      // Every header recorded is the one the receiver got, value for value (Connection aside, added by Node).
      expect(sent.map(([name]) => name)).toEqual(
        expect.arrayContaining(["Content-Type", "User-Agent", "X-Lago-Signature", "X-Lago-Unique-Key", "Host"]),
      );
      for (const [name, value] of sent) expect(received.headers[name.toLowerCase()]).toBe(value);
      expect(Object.keys(received.headers).filter((h) => h !== "connection")).toHaveLength(sent.length);
      expect(Number(new Map(sent).get("Content-Length"))).toBe(Buffer.byteLength(received.body));
      expect(JSON.stringify(attempt)).not.toContain("endpoint-secret-headers");
      const answered = new Map(attempt.responseHeaders as [string, string][]);
      expect(answered.get("X-Request-Id")).toBe("req_42");
      expect(answered.get("Set-Cookie")).toBe("a=1");
      expect(attempt.responseHeadersTruncated).toBe(false);
    });

    it("keeps at most 50 response headers, 8 KB in all, each value cut at 1,024 characters", async () => {
      const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`X-Many-${i}`, "v".repeat(20)]));
      const r = await receiver(reply(500, "nope", { "X-Long": "x".repeat(5000), ...many }));
      await endpoint(r.url);
      const emitted = await emit();
      await runDeliveryPass({ budgetMs: 5_000 });
      const [attempt] = await attemptsOf((await webhookOf(emitted)).id);
      const headers = attempt.responseHeaders as [string, string][];
      expect(attempt.responseHeadersTruncated).toBe(true);
      expect(headers.length).toBeLessThanOrEqual(50);
      expect(headers.reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeLessThanOrEqual(8 * 1024);
      expect(new Map(headers).get("X-Long")).toBe(`${"x".repeat(1024)}…`);
      expect(headers.some(([k]) => k === "X-Many-0")).toBe(true);
    });

    it("an attempt that never got an answer has its request headers and no response headers", async () => {
      await endpoint(await closedPortUrl());
      const emitted = await emit();
      await runDeliveryPass({ budgetMs: 5_000 });
      const [attempt] = await attemptsOf((await webhookOf(emitted)).id);
      expect(attempt).toMatchObject({ error: "Connection refused", responseHeaders: null });
      expect(new Map(attempt.requestHeaders as [string, string][]).get("X-Lago-Unique-Key")).toBe(attempt.webhookId);
    });

    it("keeps 64 KB of a 10 MB answer, marked truncated", async () => {
      const r = await receiver(largeBody(10 * 1024 * 1024));
      await endpoint(r.url);
      const emitted = await emit();
      await drain();
      const webhook = await webhookOf(emitted);
      expect(webhook.status).toBe("succeeded");
      const [attempt] = await attemptsOf(webhook.id);
      expect(attempt).toMatchObject({ succeeded: true, statusCode: 200, responseTruncated: true });
      expect(attempt.responseBody).toHaveLength(64 * 1024);
    });

    it("a webhook whose endpoint was disabled is failed with the reason, not dropped, and nothing is sent", async () => {
      const r = await receiver();
      const ep = await endpoint(r.url);
      const emitted = await emit();
      await db().webhookEndpoint.update({
        where: { id: ep.id },
        data: { enabled: false, disabledReason: "Disabled by an operator" },
      });
      expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 1, failed: 1 });
      const webhook = await webhookOf(emitted);
      expect(webhook).toMatchObject({ status: "failed", attemptCount: 0, leaseOwner: null });
      expect(webhook.failureReason).toBe("Not sent: the endpoint is disabled (Disabled by an operator).");
      expect(await attemptsOf(webhook.id)).toHaveLength(0);
      expect(r.requests).toHaveLength(0);
    });
  });
});
