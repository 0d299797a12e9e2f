import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
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
    // SIIT ::ffff:0:0:0/96 carries an IPv4 too.
    "::ffff:0:127.0.0.1",
    "::ffff:0:a9fe:a9fe",
    // Local-use NAT64: wherever the IPv4 sits, none of it is public.
    "64:ff9b:1::1",
    "64:ff9b:1:ffff::808:808",
    // 6to4 of a private IPv4 (169.254.169.254, 127.0.0.1, 10.0.0.1).
    "2002:a9fe:a9fe::",
    "2002:7f00:1::1",
    "2002:a00:1:1::",
    // Teredo: server 65.54.227.120, client 127.0.0.1 stored inverted (80ff:fffe); or a private server.
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    "2001:0:a00:1:8000:63bf:f7f7:f7f7",
    // Site-local (deprecated) and discard-only.
    "fec0::1",
    "feff::1",
    "100::1",
    "100::ffff:ffff:ffff:ffff",
  ])("refuses %s", (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "169.253.0.1",
    "2606:4700:4700::1111",
    "2001:db8::1",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    // The same families carrying a public IPv4 (8.8.8.8) are judged by it.
    "::ffff:0:808:808",
    "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
    // Just outside the new ranges.
    "100:0:0:1::1",
    "64:ff9b:2::1",
    "fe00::1",
  ])("allows %s", (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe("assertPublicUrl", () => {
  it.each([
    "http://127.0.0.1/hook",
    "http://localhost:3000/hook",
    "http://api.localhost/hook",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data",
    "https://10.0.0.5/x",
    "http://[::ffff:127.0.0.1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://[2002:a9fe:a9fe::]/",
  ])("refuses %s", async (url) => {
    const error = await assertPublicUrl(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toMatch(/private, loopback or link-local/);
  });

  it("refuses other schemes and invalid URLs", async () => {
    await expect(assertPublicUrl("ftp://example.com/")).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(assertPublicUrl("not a url")).rejects.toThrow(/not valid/);
    await expect(assertPublicUrl("file:///etc/passwd")).rejects.toBeInstanceOf(AppError);
  });

  it("accepts a public address", async () => {
    await expect(assertPublicUrl("https://8.8.8.8/hook")).resolves.toBeUndefined();
  });

  it("judges a name by every address it resolves to", async () => {
    const resolver = (answers: Record<string, string[]>) => async (host: string) => answers[host] ?? [];
    const resolve = resolver({
      "public.test": ["93.184.215.14", "2606:2800:21f:cb07::1"],
      "sneaky.test": ["93.184.215.14", "10.0.0.7"],
    });
    await expect(assertPublicUrl("https://public.test/hook", { resolve })).resolves.toBeUndefined();
    await expect(assertPublicUrl("https://sneaky.test/hook", { resolve })).rejects.toThrow(
      "sneaky.test (93.184.215.14, 10.0.0.7) is a private, loopback or link-local address",
    );
  });

  it("accepts a name that does not resolve (yet), or not in time: delivery checks again", async () => {
    const fails = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    await expect(assertPublicUrl("https://not-yet.test/hook", { resolve: fails })).resolves.toBeUndefined();
    const hangs = () => new Promise<string[]>(() => undefined);
    await expect(assertPublicUrl("https://slow.test/hook", { resolve: hangs, timeoutMs: 20 })).resolves.toBeUndefined();
  });

  it("allows everything http(s) when HOOKLINE_ALLOW_PRIVATE_URLS=true", async () => {
    process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
    await expect(assertPublicUrl("http://127.0.0.1:9/hook")).resolves.toBeUndefined();
    await expect(assertPublicUrl("ftp://127.0.0.1/")).rejects.toBeInstanceOf(AppError);
  });
});

describe("delivery-time check", () => {
  it("refuses to connect to a private address, literal or resolved, and nothing reaches the receiver", async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      // Literal IPv6 forms that carry 127.0.0.1 (SIIT, 6to4) are refused before any connection, like the plain one.
      for (const url of [
        receiver.url,
        `http://localhost:${port}/webhooks`,
        `http://[::ffff:0:127.0.0.1]:${port}/`,
        `http://[2002:7f00:1::1]:${port}/`,
      ]) {
        const result = await postWebhook({ url, body: "{}", headers: {} });
        expect(result).toMatchObject({ ok: false, status: null, error: "Refused: resolves to a private address" });
      }
      expect(receiver.requests).toHaveLength(0);
      process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
      expect((await postWebhook({ url: `http://localhost:${port}/webhooks`, body: "{}", headers: {} })).status).toBe(
        200,
      );
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
