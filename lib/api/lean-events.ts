// The lean path: POST /api/v1/events and /api/v1/events/batch answered straight from Node's request, without Next's
// routing, its proxy matching and Web streams (about half of a single event's CPU; README, Performance). The web
// process of `npm start` (scripts/web.mjs) tries it before handing a request to Next; it calls the route files' own
// functions (events-api.ts), so the answers are the same; what Next adds to an API answer (next.config.js's fixed
// headers, its server span) is added here.
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { config } from "@/lib/config";
import fixedHeaders from "@/lib/fixed-headers.json";
import { traceServerRequest } from "@/lib/observability/tracing";
import { acceptEvent, acceptEventBatch } from "./events-api";
import { bodyTooLarge, decodeBody } from "./body";
import { errorAnswer, type ApiAnswer, type ApiRequest, type HeaderSource } from "./http";

type Route = (request: ApiRequest) => Promise<ApiAnswer>;

const ROUTES: Record<string, Route> = {
  "/api/v1/events": acceptEvent,
  "/api/v1/events/batch": acceptEventBatch,
};

/** What next.config.js puts on every API answer (`/:path*` and `/api/:path*`). */
const API_HEADERS: Record<string, string> = { ...fixedHeaders.everyResponse, ...fixedHeaders.api };

/** The route of a POST to one of the paths above (a query string is ignored, as Next does); anything else is Next's. */
export function leanRouteOf(method: string | undefined, url: string | undefined): string | null {
  if (method !== "POST" || !url) return null;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  return Object.hasOwn(ROUTES, path) ? path : null;
}

/** Headers as a Web `Headers` would give them: repeated fields joined with ", ", as Next builds its Request. */
function headerSource(request: IncomingMessage): HeaderSource {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** readBodyText's rules on Node's stream: 413 when Content-Length or the bytes read pass `limit`, the rest discarded. */
export function readNodeBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      stop();
      // What is left is read and dropped, so the connection can carry the 413 and the next request.
      request.resume();
      reject(bodyTooLarge(limit));
    };
    const onEnd = () => {
      stop();
      try {
        resolve(decodeBody(chunks));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

/**
 * Next's `compress` (on by default) gzips, or deflates, an answer of 1 KB or more (a batch's, say) for a client that
 * accepts it; so does this path, gzip first as Next's negotiation does at equal preference.
 */
const COMPRESS_FROM_BYTES = 1024;
const accepted = (coding: string) =>
  new RegExp(`(?:^|,)\\s*(?:${coding}|\\*)\\s*(?:,|$|;(?!\\s*q\\s*=\\s*0(?:\\.0*)?\\s*(?:,|$)))`, "i");
const CODINGS = [
  { name: "gzip", accepted: accepted("gzip"), compress: zlib.gzip },
  { name: "deflate", accepted: accepted("deflate"), compress: zlib.deflate },
] as const;

function write(request: IncomingMessage, response: ServerResponse, answer: ApiAnswer): void {
  if (response.headersSent || response.destroyed) return;
  // As Response.json and jsonResponse: the same bytes, Content-Type and Cache-Control.
  const json = Buffer.from(JSON.stringify(answer.body), "utf8");
  const headers = {
    ...API_HEADERS,
    "Cache-Control": "no-store",
    "Content-Type": "application/json",
    Vary: "Accept-Encoding",
  };
  const send = (body: Buffer, encoding?: string) => {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(answer.status, {
      ...headers,
      ...(encoding ? { "Content-Encoding": encoding } : {}),
      "Content-Length": body.byteLength,
    });
    response.end(body);
  };
  const header = request.headers["accept-encoding"] ?? "";
  const coding = json.byteLength < COMPRESS_FROM_BYTES ? undefined : CODINGS.find((c) => c.accepted.test(header));
  if (!coding) return send(json);
  // On libuv's threads, off the one JavaScript thread.
  coding.compress(json, (error, packed) => (error ? send(json) : send(packed, coding.name)));
}

async function serve(route: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A client that goes away mid-body is an error on the stream; nothing may throw it unhandled.
  request.on("error", () => undefined);
  const headers = headerSource(request);
  let answer: ApiAnswer;
  try {
    answer = await traceServerRequest(
      { method: "POST", route, target: request.url ?? route, headers },
      () => ROUTES[route]({ headers, readBody: (limit) => readNodeBody(request, limit) }),
      (done) => done.status,
    );
  } catch (error) {
    answer = errorAnswer(error);
  }
  write(request, response, answer);
}

/** Answers the request when it is one of the lean routes (true), or leaves it untouched for Next (false). */
export function handleLeanRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const route = leanRouteOf(request.method, request.url);
  if (!route) return false;
  void serve(route, request, response);
  return true;
}

export type LeanHandler = typeof handleLeanRequest;
const globalForLean = globalThis as unknown as { hooklineLeanEvents?: LeanHandler };

/**
 * Offers the lean path to scripts/web.mjs (instrumentation.ts calls this after boot(), so the settings are checked and
 * the migrations applied before it answers anything). Off with HOOKLINE_LEAN_EVENTS=off: Next answers every request.
 */
export function offerLeanPath(): void {
  if (config().api.leanEvents) globalForLean.hooklineLeanEvents = handleLeanRequest;
}
