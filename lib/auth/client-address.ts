import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import net from "node:net";
import type { Socket } from "node:net";

/**
 * Who is signing in, for the sign-in limits. Next's route handlers see a Web Request without its socket, and Next
 * fills X-Forwarded-For with the socket's address only when the client sent none, so a client could name any
 * address it liked. Hookline therefore copies the socket's address into its own header as each request arrives
 * (Node's `http.server.request.start` channel, before Next sees the request), replacing whatever a client sent
 * under that name; X-Forwarded-For is read only as far as HOOKLINE_TRUSTED_PROXIES says proxies wrote it.
 */
export const CLIENT_ADDRESS_HEADER = "x-hookline-client-address";

type Hook = (message: unknown) => void;
const store = globalThis as unknown as { hooklineClientAddressHook?: Hook };

/** Installs the copy of each request's socket address (start-up calls it; idempotent). */
export function installClientAddressHeader(): void {
  if (store.hooklineClientAddressHook) return;
  const hook: Hook = (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[CLIENT_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  };
  diagnostics.subscribe("http.server.request.start", hook);
  store.hooklineClientAddressHook = hook;
}

/** Tests only: removes the hook. */
export function uninstallClientAddressHeader(): void {
  const hook = store.hooklineClientAddressHook;
  if (hook) diagnostics.unsubscribe("http.server.request.start", hook);
  store.hooklineClientAddressHook = undefined;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** An address as a limit counts it: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 (one subscriber's). */
export function addressKey(address: string): string | null {
  const text = address
    .trim()
    .replace(/^\[|\]$/g, "")
    .split("%")[0];
  if (text.length > 45) return null;
  const mapped = text.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped && net.isIPv4(mapped[1])) return mapped[1];
  if (net.isIPv4(text)) return text;
  if (!net.isIPv6(text)) return null;
  const [head, tail = ""] = text.split("::");
  const groups = (part: string) => (part ? part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = text.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/** Entries of X-Forwarded-For looked at, from the right: a longer chain is not ours to walk. */
const MAX_FORWARDED_HOPS = 20;

/**
 * The client's address: the socket's, or, behind `trustedProxies` proxies, the address the outermost of them saw
 * (that many entries from the right of X-Forwarded-For, the socket being the nearest proxy). "unknown" when the
 * socket's address was not recorded (the start-up hook is missing: then every client shares one bucket).
 */
export function clientAddress(headers: HeaderBag, trustedProxies: number): string {
  // Without the hook nothing replaces a client's own value of the header: then it is not evidence of anything.
  const socketAddress = (store.hooklineClientAddressHook && header(headers, CLIENT_ADDRESS_HEADER)) || "";
  const socket = addressKey(socketAddress);
  if (!socket) return "unknown";
  if (trustedProxies === 0) return socket;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .slice(-MAX_FORWARDED_HOPS * 48)
    .split(",")
    .slice(-MAX_FORWARDED_HOPS)
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  const index = Math.max(chain.length - 1 - trustedProxies, 0);
  // A proxy that wrote no usable address leaves us with the nearest one that is an address.
  for (let i = index; i < chain.length; i++) {
    const key = addressKey(chain[i]);
    if (key) return key;
  }
  return socket;
}
