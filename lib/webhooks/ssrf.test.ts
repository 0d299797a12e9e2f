import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { startReceiver } from "@/lib/test/receivers";
import { postWebhook } from "./http";
import { assertPublicUrl, isPrivateAddress } from "./ssrf";

beforeEach(() => {
  process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "false";
});
afterEach(() => {
  process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
});

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "169.254.169.254",
    "169.254.1.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fc00::1",
    "fd00:ec2::254",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:7f00:1",
    "::ffff:10.1.2.3",
    "64:ff9b::a9fe:a9fe",
    "[::1]",
    "not-an-ip",
  ])("refuses %s", (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "169.253.0.1", "2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "allows %s",
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe("assertPublicUrl", () => {
  it.each(["http://127.0.0.1/hook", "http://localhost:3000/hook", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "https://10.0.0.5/x", "http://[::ffff:127.0.0.1]/"])(
    "refuses %s",
    async (url) => {
      const error = await assertPublicUrl(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/private, loopback or link-local/);
    },
  );

  it("refuses other schemes and invalid URLs", async () => {
    await expect(assertPublicUrl("ftp://example.com/")).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(assertPublicUrl("not a url")).rejects.toThrow(/not valid/);
    await expect(assertPublicUrl("file:///etc/passwd")).rejects.toBeInstanceOf(UserError);
  });

  it("accepts a public address", async () => {
    await expect(assertPublicUrl("https://8.8.8.8/hook")).resolves.toBeUndefined();
  });

  it("allows everything http(s) when HOOKLINE_ALLOW_PRIVATE_URLS=true", async () => {
    process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
    await expect(assertPublicUrl("http://127.0.0.1:9/hook")).resolves.toBeUndefined();
    await expect(assertPublicUrl("ftp://127.0.0.1/")).rejects.toBeInstanceOf(UserError);
  });
});

describe("delivery-time check", () => {
  it("refuses to connect to a private address, literal or resolved, and nothing reaches the receiver", async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      for (const url of [receiver.url, `http://localhost:${port}/webhooks`]) {
        const result = await postWebhook({ url, body: "{}", headers: {} });
        expect(result).toMatchObject({ ok: false, status: null, error: "Refused: resolves to a private address" });
      }
      expect(receiver.requests).toHaveLength(0);
      process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
      expect((await postWebhook({ url: `http://localhost:${port}/webhooks`, body: "{}", headers: {} })).status).toBe(200);
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
