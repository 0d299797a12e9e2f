// The lean path answers as the route files do: one sequence of requests through Next's route handlers and through a
// Node server running handleLeanRequest, on the same data, compared status, body (ids and times aside) and headers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { DEFAULT_ORG, newOrganization } from "@/lib/test/organizations";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { INSTALLATION } from "@/lib/api/api-keys";
import { handleLeanRequest, leanRouteOf } from "@/lib/api/lean-events";
import { BASE, newKey } from "@/lib/api/test-helpers";
import { POST as postBatch } from "./batch/route";
import { POST as postEvent } from "./route";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
afterEach(() => {
  delete process.env.HOOKLINE_MAX_BODY_BYTES;
});

const EVENTS = "/api/v1/events";
const BATCH = "/api/v1/events/batch";
const event = { webhook_type: "invoice.created", object_type: "invoice", object: { lago_id: "inv_1", total: 1 } };
const item = (n: number, extra: Record<string, unknown> = {}) => ({
  ...event,
  object: { lago_id: `inv_${n}` },
  ...extra,
});

type Call = {
  path: string;
  key?: "org" | "installation" | "wrong" | null;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string | Buffer;
  /** Sent without Content-Length, in two chunks: the size limit must hold while reading. */
  chunked?: boolean;
  maxBodyBytes?: number;
};
type Seen = { status: number; body: unknown; headers: Record<string, string> };

const big = { event: { ...event, object: { padding: "x".repeat(300_000) } } };
const CALLS: [string, Call][] = [
  ["a valid event", { path: EVENTS, key: "org", body: { event } }],
  [
    "an event with an Idempotency-Key",
    { path: EVENTS, key: "org", headers: { "Idempotency-Key": "k1" }, body: { event } },
  ],
  ["its repeat", { path: EVENTS, key: "org", headers: { "Idempotency-Key": "k1" }, body: { event: item(9) } }],
  ["a query string", { path: `${EVENTS}?x=1`, key: "org", body: { event: item(2) } }],
  ["text/plain", { path: EVENTS, key: "org", headers: { "Content-Type": "text/plain" }, body: { event: item(3) } }],
  ["a valid batch", { path: BATCH, key: "org", body: { events: [item(4), item(5, { idempotency_key: "b1" })] } }],
  ["the batch repeated", { path: BATCH, key: "org", body: { events: [item(6, { idempotency_key: "b1" }), item(7)] } }],
  [
    "a batch whose answer is over 1 KB, gzip accepted",
    {
      path: BATCH,
      key: "org",
      headers: { "Accept-Encoding": "br, gzip" },
      body: { events: Array.from({ length: 12 }, (_, i) => item(20 + i)) },
    },
  ],
  ["malformed JSON", { path: EVENTS, key: "org", raw: '{"event": ' }],
  ["an empty body", { path: EVENTS, key: "org", raw: "" }],
  ["invalid UTF-8", { path: EVENTS, key: "org", raw: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }],
  ["malformed JSON in a batch", { path: BATCH, key: "org", raw: "[" }],
  [
    "unknown fields and a bad type (422)",
    { path: EVENTS, key: "org", body: { event: { ...event, webhook_type: "Bad" }, x: 1 } },
  ],
  [
    "a batch with bad items (422)",
    { path: BATCH, key: "org", body: { events: [item(8), { ...event, object_type: "" }] } },
  ],
  ["a batch that is not a list (422)", { path: BATCH, key: "org", body: { events: 3 } }],
  ["no key", { path: EVENTS, key: null, body: { event } }],
  ["a wrong key", { path: EVENTS, key: "wrong", body: { event } }],
  ["a Basic Authorization", { path: BATCH, headers: { Authorization: "Basic abc" }, body: { events: [item(1)] } }],
  ["an oversized body", { path: EVENTS, key: "org", body: big }],
  ["an oversized body, chunked", { path: EVENTS, key: "org", body: big, chunked: true }],
  [
    "a body just over a small limit, chunked",
    { path: BATCH, key: "org", body: { events: [] }, chunked: true, maxBodyBytes: 12 },
  ],
  [
    "a body at a small limit, chunked",
    { path: BATCH, key: "org", body: { events: [] }, chunked: true, maxBodyBytes: 13 },
  ],
  ["an installation key without Hookline-Organization", { path: EVENTS, key: "installation", body: { event } }],
  [
    "an installation key naming the organization",
    { path: EVENTS, key: "installation", headers: { "Hookline-Organization": "acme" }, body: { event: item(10) } },
  ],
  [
    "a batch by an installation key naming the organization",
    { path: BATCH, key: "installation", headers: { "Hookline-Organization": " acme " }, body: { events: [item(11)] } },
  ],
  [
    "an installation key naming no organization that exists",
    { path: EVENTS, key: "installation", headers: { "Hookline-Organization": "nope" }, body: { event } },
  ],
  [
    "an organization's key naming another organization",
    { path: EVENTS, key: "org", headers: { "Hookline-Organization": "acme" }, body: { event } },
  ],
];

type Keys = { org: string; installation: string };

/** The same data each time: an endpoint in the Default organization and one in "acme", and two keys. */
async function freshData(): Promise<Keys> {
  await resetDb(db);
  await createEndpoint(DEFAULT_ORG, { url: "https://a.example/hook", signatureAlgo: "hmac" });
  const acme = await newOrganization(db, "Acme", "acme");
  await createEndpoint(acme, { url: "https://b.example/hook", signatureAlgo: "hmac" });
  return { org: await newKey("org"), installation: await newKey("platform", INSTALLATION) };
}

function headersOf(call: Call, keys: Keys, length: number | null): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...call.headers };
  const key = call.key === "wrong" ? "hl_not-a-key" : call.key ? keys[call.key] : null;
  if (key) headers.Authorization = `Bearer ${key}`;
  if (length !== null) headers["Content-Length"] = String(length);
  return headers;
}

const payloadOf = (call: Call): Buffer =>
  Buffer.isBuffer(call.raw) ? call.raw : Buffer.from(call.raw ?? JSON.stringify(call.body), "utf8");

/** Through the route file, as Next calls it (Next's Request carries the client's Content-Length). */
async function viaNext(call: Call, keys: Keys): Promise<Seen> {
  const payload = payloadOf(call);
  const request = new Request(`${BASE}${call.path}`, {
    method: "POST",
    headers: headersOf(call, keys, call.chunked ? null : payload.length),
    body: call.chunked ? new Blob([new Uint8Array(payload)]).stream() : new Uint8Array(payload),
    ...(call.chunked ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await (call.path.startsWith(BATCH) ? postBatch : postEvent)(request, undefined);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: Object.fromEntries(response.headers),
  };
}

/** Through a Node server that runs the lean path (anything it declines is answered 599). */
async function viaLean(call: Call, keys: Keys, port: number): Promise<Seen> {
  const payload = payloadOf(call);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: call.path,
        method: "POST",
        headers: headersOf(call, keys, call.chunked ? null : payload.length),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"];
          const text = (
            encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "deflate" ? zlib.inflateSync(raw) : raw
          ).toString("utf8");
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) headers[name] = String(value);
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers });
        });
      },
    );
    request.on("error", reject);
    if (call.chunked) {
      request.write(payload.subarray(0, 5));
      setTimeout(() => request.end(payload.subarray(5)), 5);
    } else request.end(payload);
  });
}

/** Ids become `<id 1>`, `<id 2>`… in order of appearance (a repeat keeps its number); times become `<time>`. */
function normalise(seen: Seen[]): unknown[] {
  const ids = new Map<string, string>();
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
        if (!ids.has(value)) ids.set(value, `<id ${ids.size + 1}>`);
        return ids.get(value);
      }
      return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) ? "<time>" : value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return seen.map((s) => ({
    status: s.status,
    body: walk(s.body),
    "content-type": s.headers["content-type"],
    "cache-control": s.headers["cache-control"],
  }));
}

async function run(send: (call: Call, keys: Keys) => Promise<Seen>): Promise<Seen[]> {
  const keys = await freshData();
  const seen: Seen[] = [];
  for (const [, call] of CALLS) {
    if (call.maxBodyBytes) process.env.HOOKLINE_MAX_BODY_BYTES = String(call.maxBodyBytes);
    else delete process.env.HOOKLINE_MAX_BODY_BYTES;
    seen.push(await send(call, keys));
  }
  return seen;
}

/** What next.config.js puts on an answer under /api/ (Next adds them around the route file's answer). */
async function nextConfigApiHeaders(): Promise<Record<string, string>> {
  const file = path.join(import.meta.dirname, "..", "..", "..", "..", "next.config.js");
  const { default: nextConfig } = (await import(file)) as {
    default: { headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
  };
  const headers: Record<string, string> = {};
  for (const rule of await nextConfig.headers())
    if (rule.source === "/:path*" || rule.source === "/api/:path*")
      for (const { key, value } of rule.headers) headers[key.toLowerCase()] = value;
  return headers;
}

describe(`the lean path for POST /api/v1/events(/batch) on ${testProvider}`, () => {
  it("answers every request as the route files do, with the API's fixed headers", async () => {
    const server = http.createServer((request, response) => {
      if (!handleLeanRequest(request, response)) response.writeHead(599).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const next = await run(viaNext);
      const lean = await run((call, keys) => viaLean(call, keys, port));
      const labelled = (seen: Seen[]) => normalise(seen).map((s, i) => ({ call: CALLS[i][0], ...(s as object) }));
      expect(labelled(lean)).toEqual(labelled(next));

      // The sequence covered what it claims to (a broken route would answer the same on both paths).
      const statuses = Object.fromEntries(CALLS.map(([name], i) => [name, lean[i].status]));
      expect(statuses).toMatchObject({
        "a valid event": 202,
        "its repeat": 202,
        "a valid batch": 202,
        "malformed JSON": 400,
        "invalid UTF-8": 400,
        "unknown fields and a bad type (422)": 422,
        "no key": 401,
        "an oversized body": 413,
        "an oversized body, chunked": 413,
        "a body just over a small limit, chunked": 413,
        "a body at a small limit, chunked": 422, // read whole, then refused: no events
        "an installation key without Hookline-Organization": 422,
        "an installation key naming the organization": 202,
        "an installation key naming no organization that exists": 404,
        "an organization's key naming another organization": 404,
      });
      const repeat = (name: string) => lean[CALLS.findIndex(([n]) => n === name)].body;
      expect(repeat("its repeat")).toEqual(repeat("an event with an Idempotency-Key"));

      const fixed = await nextConfigApiHeaders();
      expect(Object.keys(fixed).sort()).toEqual([
        "content-security-policy",
        "referrer-policy",
        "x-content-type-options",
        "x-frame-options",
      ]);
      for (const seen of lean) expect(seen.headers).toMatchObject(fixed);
      // Next's compression, for what it would compress: an answer of 1 KB or more, to a client that accepts gzip.
      const zipped = lean.map((seen) => seen.headers["content-encoding"]);
      expect(zipped.filter(Boolean)).toEqual(["gzip"]);
      expect(CALLS[zipped.indexOf("gzip")][0]).toBe("a batch whose answer is over 1 KB, gzip accepted");
      for (const seen of lean)
        if (!seen.headers["content-encoding"])
          expect(seen.headers["content-length"]).toBe(String(Buffer.byteLength(JSON.stringify(seen.body))));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("takes only POSTs to the two paths; Next answers everything else", () => {
    expect(leanRouteOf("POST", "/api/v1/events")).toBe("/api/v1/events");
    expect(leanRouteOf("POST", "/api/v1/events/batch?a=1")).toBe("/api/v1/events/batch");
    for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"])
      expect(leanRouteOf(method, "/api/v1/events")).toBeNull();
    for (const url of [
      "/api/v1/events/",
      "/api/v1/events/batch/",
      "/api/v1/eventsx",
      "/API/v1/events",
      "/api/v1/events/other",
      "http://host/api/v1/events",
      "/api/v1/webhook_endpoints",
      "/",
    ])
      expect(leanRouteOf("POST", url)).toBeNull();
  });
});
