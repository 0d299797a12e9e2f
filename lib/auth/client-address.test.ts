import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  addressKey,
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  installClientAddressHeader,
  uninstallClientAddressHeader,
} from "./client-address";

afterEach(() => uninstallClientAddressHeader());

/** Sends one request with `headers` to a plain Node server and returns the headers its handler saw. */
async function seenHeaders(headers: Record<string, string>): Promise<http.IncomingHttpHeaders> {
  let seen: http.IncomingHttpHeaders = {};
  const server = http.createServer((request, response) => {
    seen = request.headers;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return seen;
}

describe("the client's address", () => {
  it("is copied from the socket into its header as each request arrives, replacing what the client sent", async () => {
    const spoofed = { [CLIENT_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" };
    expect((await seenHeaders(spoofed))[CLIENT_ADDRESS_HEADER]).toBe("6.6.6.6");
    installClientAddressHeader();
    const seen = await seenHeaders(spoofed);
    expect(seen[CLIENT_ADDRESS_HEADER]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(clientAddress(seen as Record<string, string>, 0)).toBe("127.0.0.1");
  });

  it("is not taken from the header when the start-up hook is missing", () => {
    expect(clientAddress({ [CLIENT_ADDRESS_HEADER]: "6.6.6.6" }, 0)).toBe("unknown");
  });

  it("walks X-Forwarded-For only as many hops as HOOKLINE_TRUSTED_PROXIES says", () => {
    installClientAddressHeader();
    const headers = { [CLIENT_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.1, 10.0.0.1" };
    expect(clientAddress(headers, 0)).toBe("10.0.0.2");
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("203.0.113.1");
    expect(clientAddress(headers, 3)).toBe("6.6.6.6");
    // Fewer hops than proxies: the farthest there is; a hop that is not an address: the nearest one that is.
    expect(clientAddress(headers, 9)).toBe("6.6.6.6");
    expect(clientAddress({ ...headers, "x-forwarded-for": "not-an-address, 203.0.113.1" }, 2)).toBe("203.0.113.1");
    expect(clientAddress({ ...headers, "x-forwarded-for": `${"9".repeat(100_000)}` }, 1)).toBe("10.0.0.2");
  });

  it("counts IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    expect(addressKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("[fe80::1%eth0]")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1:2:3:4:5:6:7")).toBe("0:1:2:3::/64");
    expect(addressKey("not an address")).toBeNull();
    expect(addressKey("1".repeat(1000))).toBeNull();
  });
});
