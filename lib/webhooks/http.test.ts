import { afterEach, describe, expect, it } from "vitest";
import {
  closedPortUrl,
  hang,
  largeBody,
  reply,
  resetMidResponse,
  startReceiver,
  type Receiver,
} from "@/lib/test/receivers";
import { MAX_RESPONSE_BYTES, parseRetryAfter, postWebhook } from "./http";

const receivers: Receiver[] = [];
afterEach(async () => {
  while (receivers.length) await receivers.pop()!.close();
});
async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}
const body = JSON.stringify({ webhook_type: "invoice.created", object_type: "invoice", invoice: { lago_id: "x" } });
const post = (url: string, timeoutMs?: number) =>
  postWebhook({ url, body, headers: { "Content-Type": "application/json", "X-Lago-Unique-Key": "k1" }, timeoutMs });

describe("postWebhook", () => {
  it("POSTs the exact body and headers and counts 200, 201, 202, 204 as received", async () => {
    for (const status of [200, 201, 202, 204]) {
      const r = await receiver(reply(status, status === 204 ? "" : "thanks"));
      const result = await post(r.url);
      expect(result).toMatchObject({ ok: true, status, error: null, truncated: false, retryAfterMs: null });
      expect(result.body).toBe(status === 204 ? "" : "thanks");
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.requests[0]).toMatchObject({ method: "POST", path: "/webhooks", body });
      expect(r.requests[0].headers["x-lago-unique-key"]).toBe("k1");
      expect(r.requests[0].headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    }
  });

  it("fails any other status, keeping the answer", async () => {
    for (const [status, text] of [
      [500, "Internal Server Error"],
      [404, "no such route"],
      [203, "non-authoritative"],
      [400, "bad"],
    ] as const) {
      const r = await receiver(reply(status, text));
      expect(await post(r.url)).toMatchObject({ ok: false, status, body: text, error: null });
    }
  });

  it("does not follow a redirect: a 301 is a failed attempt", async () => {
    const target = await receiver(reply(200));
    const r = await receiver(reply(301, "moved", { Location: target.url }));
    expect(await post(r.url)).toMatchObject({ ok: false, status: 301, body: "moved" });
    expect(target.requests).toHaveLength(0);
  });

  it("reads Retry-After on 429 and 503 (seconds or HTTP date), not on other statuses", async () => {
    const r429 = await receiver(reply(429, "slow down", { "Retry-After": "120" }));
    expect(await post(r429.url)).toMatchObject({ ok: false, status: 429, retryAfterMs: 120_000 });
    const at = new Date(Date.now() + 60_000).toUTCString();
    const r503 = await receiver(reply(503, "", { "Retry-After": at }));
    const result = await post(r503.url);
    expect(result.retryAfterMs).toBeGreaterThan(55_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(60_000);
    const r500 = await receiver(reply(500, "", { "Retry-After": "120" }));
    expect((await post(r500.url)).retryAfterMs).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).toBe(0);
  });

  it("gives up after the timeout on a receiver that never answers", async () => {
    const r = await receiver(hang);
    const started = Date.now();
    const result = await post(r.url, 300);
    expect(result).toMatchObject({ ok: false, status: null, error: "Timed out after 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("takes its default timeout from HOOKLINE_DELIVERY_TIMEOUT_MS", async () => {
    const r = await receiver(hang);
    process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "200";
    try {
      expect((await post(r.url)).error).toBe("Timed out after 200 ms");
    } finally {
      delete process.env.HOOKLINE_DELIVERY_TIMEOUT_MS;
    }
  });

  it("reports a refused connection", async () => {
    expect(await post(await closedPortUrl())).toMatchObject({
      ok: false,
      status: null,
      body: null,
      error: "Connection refused",
    });
  });

  it("reports a connection reset in the middle of the answer", async () => {
    const r = await receiver(resetMidResponse);
    const result = await post(r.url);
    expect(result).toMatchObject({ ok: false, status: 200, error: "Connection reset" });
    expect(result.body).toBe("partial answer");
  });

  it("keeps 64 KB of a 10 MB answer and stops reading", async () => {
    const r = await receiver(largeBody(10 * 1024 * 1024));
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    const result = await post(r.url);
    expect(result).toMatchObject({ ok: true, status: 200, truncated: true, error: null });
    expect(Buffer.byteLength(result.body!)).toBe(MAX_RESPONSE_BYTES);
    expect(result.body).toMatch(/^x+$/);
    // Far less than the 10 MB sent (heap noise allowed).
    expect(used() - before).toBeLessThan(5 * 1024 * 1024);
    // The connection is dropped, so the rest is never even sent.
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("reports DNS failures and bad URLs without throwing", async () => {
    expect(await post("http://no-such-host.invalid/hook")).toMatchObject({
      ok: false,
      error: "DNS lookup failed for no-such-host.invalid",
    });
    expect((await post("not a url")).error).toBe("Invalid URL");
    expect((await post("ftp://example.com/")).error).toBe("Unsupported protocol ftp:");
  });

  it("reports a TLS failure", async () => {
    // An HTTPS request to a plain HTTP server fails in the handshake.
    const r = await receiver(reply(200));
    const result = await post(r.url.replace("http://", "https://"));
    expect(result.ok).toBe(false);
    expect(result.error).toBe("TLS error: wrong version number");
  });

  it("reuses the connection for consecutive deliveries (keep-alive)", async () => {
    const r = await receiver(reply(200));
    await post(r.url);
    await post(r.url);
    expect(r.requests[0].headers.connection).toBe("keep-alive");
    expect(r.requests[1].remotePort).toBe(r.requests[0].remotePort);
  });
});
