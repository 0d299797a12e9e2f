import http from "node:http";
import https from "node:https";
import net from "node:net";
import { config } from "@/lib/config";
import { checkedLookup, isPrivateAddress, PRIVATE_ADDRESS_ERROR, privateUrlsAllowed } from "./ssrf";

/** Headers as sent or received: name (its case as on the wire) and value, in order, repeats kept. */
export type HeaderList = [name: string, value: string][];

export type HttpResult = {
  ok: boolean;
  status: number | null;
  body: string | null;
  truncated: boolean;
  durationMs: number;
  error: string | null;
  retryAfterMs: number | null;
  /** What the request carried (the signature headers included: only the secret behind them is secret); null if no request was made. */
  requestHeaders: HeaderList | null;
  /** What the receiver answered with, capped (see capHeaders); null without an answer. */
  responseHeaders: HeaderList | null;
  responseHeadersTruncated: boolean;
};

/** The answers that count as received (the guide names exactly these). */
export const SUCCESS_STATUSES = new Set([200, 201, 202, 204]);
/** How much of a response is kept; the rest is not even read. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** How much of a response's headers is kept: the count, the bytes in all (name + value), and one value. */
export const MAX_RESPONSE_HEADERS = 50;
export const MAX_RESPONSE_HEADER_BYTES = 8 * 1024;
export const MAX_HEADER_VALUE_LENGTH = 1024;

/**
 * Node's rawHeaders (name, value, name, value…) as pairs, within the caps: a value over 1,024 characters is cut
 * (ending in "…"), and headers past 50 or 8 KB are dropped; `truncated` says either happened.
 */
export function capHeaders(raw: readonly string[]): { headers: HeaderList; truncated: boolean } {
  const headers: HeaderList = [];
  let bytes = 0;
  let truncated = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    let value = raw[i + 1];
    if (value.length > MAX_HEADER_VALUE_LENGTH) {
      value = `${value.slice(0, MAX_HEADER_VALUE_LENGTH)}…`;
      truncated = true;
    }
    const size = Buffer.byteLength(raw[i]) + Buffer.byteLength(value);
    if (headers.length >= MAX_RESPONSE_HEADERS || bytes + size > MAX_RESPONSE_HEADER_BYTES) {
      truncated = true;
      break;
    }
    headers.push([raw[i], value]);
    bytes += size;
  }
  return { headers, truncated };
}

export function deliveryTimeoutMs(): number {
  return config().delivery.timeoutMs;
}

// Keep-alive: most endpoints get many deliveries, and a TLS handshake costs more than the request.
const agents = {
  http: new http.Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: "lifo", timeout: 60_000 }),
  https: new https.Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: "lifo", timeout: 60_000 }),
};

/** "Retry-After: 120" or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

/** A sentence an operator understands, from a node socket error. */
export function describeError(error: unknown, host: string, timeoutMs: number): string {
  const err = error as NodeJS.ErrnoException & { reason?: string };
  const code = err?.code ?? "";
  if (code === "EPRIVATEADDRESS") return PRIVATE_ADDRESS_ERROR;
  if (code === "ETIMEOUT_HOOKLINE") return `Timed out after ${timeoutMs} ms`;
  if (code === "ECONNREFUSED") return "Connection refused";
  if (
    code === "ECONNRESET" ||
    code === "EPIPE" ||
    code === "ECONNABORTED" ||
    err?.message === "socket hang up" ||
    err?.message === "aborted"
  ) {
    return "Connection reset";
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_FAIL" || code === "ENODATA")
    return `DNS lookup failed for ${host}`;
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "Host unreachable";
  if (code === "ETIMEDOUT") return "Connection timed out";
  if (TLS_CODES.test(code)) {
    // OpenSSL's messages carry file names and codes; its reason ("wrong version number") is what helps.
    const reason = err.reason ?? err.message.match(/SSL routines:[^:]*:([^:]+):/)?.[1] ?? err.message.split("\n")[0];
    return `TLS error: ${reason}`;
  }
  return err?.message ? `Request failed: ${err.message}` : "Request failed";
}

/**
 * One POST of a webhook. Never throws: every outcome is a result. No redirects are followed, the whole request
 * has one deadline, and at most 64 KB of the answer is read.
 */
export function postWebhook(args: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}): Promise<HttpResult> {
  const timeoutMs = args.timeoutMs ?? deliveryTimeoutMs();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // Filled in as the exchange goes: what was sent once the request exists, what came back once it answered.
  let requestHeaders: HeaderList | null = null;
  let response: { headers: HeaderList; truncated: boolean } | null = null;
  const exchange = () => ({
    requestHeaders,
    responseHeaders: response?.headers ?? null,
    responseHeadersTruncated: response?.truncated ?? false,
  });
  const failure = (
    error: string,
    status: number | null = null,
    body: string | null = null,
    truncated = false,
  ): HttpResult => ({
    ok: false,
    status,
    body,
    truncated,
    durationMs: elapsed(),
    error,
    retryAfterMs: null,
    ...exchange(),
  });

  let url: URL;
  try {
    url = new URL(args.url);
  } catch {
    return Promise.resolve(failure("Invalid URL"));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.resolve(failure(`Unsupported protocol ${url.protocol}`));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Literal addresses skip DNS (and so checkedLookup): check them here.
  if (net.isIP(host) && !privateUrlsAllowed() && isPrivateAddress(host))
    return Promise.resolve(failure(PRIVATE_ADDRESS_ERROR));

  return new Promise<HttpResult>((resolve) => {
    let settled = false;
    let timedOut = false;
    const finish = (result: HttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(timedOut ? { ...result, ok: false, error: `Timed out after ${timeoutMs} ms` } : result);
    };
    const payload = Buffer.from(args.body, "utf8");
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "POST",
      agent: url.protocol === "https:" ? agents.https : agents.http,
      headers: { ...args.headers, "Content-Length": String(payload.length) },
      lookup: checkedLookup,
    });
    // As Node will write them (Host included; it adds only "Connection: keep-alive" when sending).
    requestHeaders = request.getRawHeaderNames().map((name) => [name, String(request.getHeader(name))]);
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEOUT_HOOKLINE" }));
    }, timeoutMs);

    request.on("error", (error) => finish(failure(describeError(error, host, timeoutMs))));
    request.on("response", (incoming) => {
      response = capHeaders(incoming.rawHeaders);
      const status = incoming.statusCode ?? null;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const text = () =>
        Buffer.concat(chunks)
          .toString("utf8")
          .replace(/\u0000/g, "");
      const complete = () => {
        const ok = status !== null && SUCCESS_STATUSES.has(status);
        const retryAfterMs =
          status === 429 || status === 503
            ? parseRetryAfter(incoming.headers["retry-after"] as string | undefined)
            : null;
        finish({
          ok,
          status,
          body: text(),
          truncated,
          durationMs: elapsed(),
          error: null,
          retryAfterMs,
          ...exchange(),
        });
      };
      incoming.on("data", (chunk: Buffer) => {
        if (truncated) return;
        const room = MAX_RESPONSE_BYTES - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = MAX_RESPONSE_BYTES;
          truncated = true;
          // The status is known and the excerpt is full: stop reading and drop the connection.
          complete();
          incoming.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      incoming.on("end", complete);
      incoming.on("error", (error) =>
        finish(failure(describeError(error, host, timeoutMs), status, text(), truncated)),
      );
      incoming.on("aborted", () => finish(failure("Connection reset", status, text(), truncated)));
      incoming.on("close", () => {
        if (!incoming.complete) finish(failure("Connection reset", status, text(), truncated));
      });
    });
    request.end(payload);
  });
}
