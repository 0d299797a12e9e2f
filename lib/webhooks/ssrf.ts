import dns from "node:dns";
import net from "node:net";
import { config } from "@/lib/config";
import { AppError, AppErrorCode } from "@/lib/errors";

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
const blockedV6 = new net.BlockList();
for (const [prefix, bits] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["100::", 64], // discard-only
  ["64:ff9b:1::", 48], // local-use NAT64: where the IPv4 sits is the operator's choice, so none of it is public
  ["fc00::", 7], // unique local, incl. AWS metadata fd00:ec2::254
  ["fe80::", 10],
  ["fec0::", 10], // site-local (deprecated, still routed inside some networks)
  ["ff00::", 8], // multicast
] as const) {
  blockedV6.addSubnet(prefix, bits, "ipv6");
}

const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 addresses an IPv6 address carries, which are what it reaches: IPv4-compatible ::/96, mapped
 * ::ffff:0:0/96, SIIT ::ffff:0:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16, and Teredo 2001::/32 (server, and the
 * client address stored inverted).
 */
function embeddedIpv4s(words: number[]): string[] {
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  const last = ipv4(words[6], words[7]);
  if (zero(0, 5) && (words[5] === 0xffff || (words[5] === 0 && !(words[6] === 0 && words[7] <= 1)))) return [last];
  if (zero(0, 4) && words[4] === 0xffff && words[5] === 0) return [last];
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return [last];
  if (words[0] === 0x2002) return [ipv4(words[1], words[2])];
  if (words[0] === 0x2001 && words[1] === 0)
    return [ipv4(words[2], words[3]), ipv4(words[6] ^ 0xffff, words[7] ^ 0xffff)];
  return [];
}

/** The eight 16-bit words of an IPv6 address, or null. */
function expandIpv6(ip: string): number[] | null {
  let text = ip.split("%")[0];
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const parts = dotted[1].split(".").map(Number);
    text =
      text.slice(0, -dotted[1].length) +
      `${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const headWords = head ? head.split(":") : [];
  const tailWords = tail ? tail.split(":") : [];
  const missing = 8 - headWords.length - tailWords.length;
  if (text.includes("::") ? missing < 0 : missing !== 0) return null;
  const words = [...headWords, ...Array<string>(text.includes("::") ? missing : 0).fill("0"), ...tailWords].map((w) =>
    parseInt(w, 16),
  );
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** True for loopback, private, CGNAT, link-local, metadata, unspecified, multicast and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/^\[|\]$/g, "").split("%")[0];
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const words = expandIpv6(address);
  if (!words) return true;
  const carried = embeddedIpv4s(words);
  if (carried.length) return carried.some((v4) => blocked.check(v4, "ipv4"));
  return blockedV6.check(address, "ipv6");
}

export function privateUrlsAllowed(): boolean {
  return config().delivery.allowPrivateUrls;
}

export const PRIVATE_ADDRESS_ERROR = "Refused: resolves to a private address";

/** A host name's addresses; the system resolver by default, injectable for tests. */
export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

const CREATE_TIME_LOOKUP_MS = 3_000;

/** `localhost` and `*.localhost` are loopback by definition (RFC 6761), whatever a resolver says. */
const isLocalhostName = (host: string) => /(^|\.)localhost\.?$/i.test(host);

/**
 * Refuses URLs that are not http(s) or whose host is (or resolves, any of its addresses, to) a private address,
 * unless HOOKLINE_ALLOW_PRIVATE_URLS=true. A name that does not resolve (yet) is accepted, as Svix does: delivery
 * checks again, on the address it connects to (http.ts), so this check only spares the operator a dead endpoint.
 */
export async function assertPublicUrl(
  url: string,
  { resolve = systemResolver, timeoutMs = CREATE_TIME_LOOKUP_MS } = {},
): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError(AppErrorCode.InvalidInput, "The URL is not valid.");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new AppError(AppErrorCode.InvalidInput, "The URL must start with http:// or https://.");
  if (privateUrlsAllowed()) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else if (isLocalhostName(host)) addresses = ["127.0.0.1"];
  else addresses = await resolveWithin(resolve, host, timeoutMs);
  const shown = net.isIP(host) || addresses.includes(host) ? host : `${host} (${addresses.join(", ")})`;
  if (addresses.some(isPrivateAddress)) {
    throw new AppError(
      AppErrorCode.InvalidInput,
      `${shown} is a private, loopback or link-local address; webhooks can only be sent to public addresses (set HOOKLINE_ALLOW_PRIVATE_URLS=true to allow them).`,
    );
  }
}

/** The name's addresses, or none when it does not resolve or the resolver takes longer than `timeoutMs`. */
async function resolveWithin(resolve: Resolver, host: string, timeoutMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((done) => (timer = setTimeout(() => done([]), timeoutMs)));
  try {
    return await Promise.race([resolve(host).catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(readonly host: string) {
    super(PRIVATE_ADDRESS_ERROR);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

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
    if (usable.length === 0)
      return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), "");
    if (options.all) return callback(null, usable);
    callback(null, usable[0].address, usable[0].family);
  });
}
