import dns from "node:dns";
import net from "node:net";
import { UserError } from "@/lib/errors";

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, incl. cloud metadata 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["fc00::", 7], // unique local, incl. AWS metadata fd00:ec2::254
  ["fe80::", 10],
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(prefix, bits, "ipv6");
}

/** The IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96). */
function embeddedIpv4(ip: string): string | null {
  const words = expandIpv6(ip);
  if (!words) return null;
  const top = words.slice(0, 6);
  const mapped = top.slice(0, 5).every((w) => w === 0) && (top[5] === 0xffff || top[5] === 0);
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && top.slice(2).every((w) => w === 0);
  if (!mapped && !nat64) return null;
  if (!nat64 && top[5] === 0 && words[6] === 0 && words[7] <= 1) return null; // :: and ::1 are IPv6 themselves
  return `${words[6] >> 8}.${words[6] & 0xff}.${words[7] >> 8}.${words[7] & 0xff}`;
}

/** The eight 16-bit words of an IPv6 address, or null. */
function expandIpv6(ip: string): number[] | null {
  let text = ip.split("%")[0];
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const parts = dotted[1].split(".").map(Number);
    text = text.slice(0, -dotted[1].length) + `${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const headWords = head ? head.split(":") : [];
  const tailWords = tail ? tail.split(":") : [];
  const missing = 8 - headWords.length - tailWords.length;
  if (text.includes("::") ? missing < 0 : missing !== 0) return null;
  const words = [...headWords, ...Array<string>(text.includes("::") ? missing : 0).fill("0"), ...tailWords].map((w) => parseInt(w, 16));
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** True for loopback, private, CGNAT, link-local, metadata, unspecified, multicast and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/^\[|\]$/g, "");
  const family = net.isIP(address.split("%")[0]);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const v4 = embeddedIpv4(address);
  if (v4) return blocked.check(v4, "ipv4");
  return blocked.check(address.split("%")[0], "ipv6");
}

export function privateUrlsAllowed(): boolean {
  return process.env.HOOKLINE_ALLOW_PRIVATE_URLS === "true";
}

export const PRIVATE_ADDRESS_ERROR = "Refused: resolves to a private address";

/**
 * Refuses URLs that are not http(s) or whose host resolves (any of its addresses) to a private address,
 * unless HOOKLINE_ALLOW_PRIVATE_URLS=true. Delivery checks again, on the address it connects to (http.ts).
 */
export async function assertPublicUrl(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError("The URL is not valid.");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UserError("The URL must start with http:// or https://.");
  if (privateUrlsAllowed()) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new UserError(`DNS lookup failed for ${host}.`);
    }
  }
  if (addresses.some(isPrivateAddress)) {
    throw new UserError(
      `${host} resolves to a private, loopback or link-local address; webhooks can only be sent to public addresses (set HOOKLINE_ALLOW_PRIVATE_URLS=true to allow them).`,
    );
  }
}

export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(readonly host: string) {
    super(PRIVATE_ADDRESS_ERROR);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node's http(s).request: resolves every address, refuses the lot if any is private, and hands
 * the socket exactly the checked address, so a DNS answer cannot change between the check and the connection.
 */
export function checkedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, "");
    if (!privateUrlsAllowed() && addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(new PrivateAddressError(hostname), "");
    }
    const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    if (usable.length === 0) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), "");
    if (options.all) return callback(null, usable);
    callback(null, usable[0].address, usable[0].family);
  });
}
