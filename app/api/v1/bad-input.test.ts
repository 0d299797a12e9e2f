// Bad input, generated (fast-check): the events API, the endpoints API and the endpoint functions behind the
// dashboard's forms never answer 500 and never write part of a refused request.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, newKey, params } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import * as events from "./events/route";
import * as endpoint from "./webhook_endpoints/[lagoId]/route";
import * as endpoints from "./webhook_endpoints/route";

let db: Db;
let teardown: () => Promise<void>;
let key: string;
let target: string;
beforeAll(async () => {
  ({ db, teardown } = await setupTestDb());
  key = await newKey();
  await createEndpoint({ url: "https://all.example/hook", signatureAlgo: "hmac" });
  await createEndpoint({ url: "https://invoices.example/hook", signatureAlgo: "jwt", eventTypes: ["invoice.created"] });
  target = (await createEndpoint({ url: "https://target.example/hook", signatureAlgo: "standard", name: "Target" })).id;
});
afterAll(() => teardown());

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

// Strings a careless parser or database trips on.
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "invoice.created",
    "Invoice.Created",
    "invoice.created\n",
    "' OR 1=1 --",
    "https://example.com/\u0000",
    "http://127.0.0.1:1/x",
    "javascript:alert(1)",
    "https://" + "a".repeat(3000) + ".example",
    "__proto__",
    "constructor",
    "%00",
    "😀".repeat(50),
  ),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  nasty,
  fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}),
  fc.dictionary(nasty, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
const webhookType = fc.oneof(fc.constantFrom("invoice.created", "customer.updated", "x.y", "a".repeat(101) + ".b"), nasty, value);
const objectType = fc.oneof(fc.constantFrom("invoice", "customer", "a_b1", "A"), nasty, value);
const object = fc.oneof(
  fc.dictionary(fc.oneof(nasty, fc.constantFrom("lago_id", "id")), value, { maxKeys: 5 }),
  fc.record({ lago_id: value, id: value }, { requiredKeys: [] }),
  value,
);
/** A right body (with odd objects), one that is nearly right, or not one at all. */
const eventBody = fc.oneof(
  fc.record({
    event: fc.record({
      webhook_type: fc.constantFrom("invoice.created", "customer.updated", "x.y"),
      object_type: fc.constantFrom("invoice", "customer"),
      object: fc.dictionary(fc.oneof(nasty, fc.constantFrom("lago_id", "id")), value, { maxKeys: 5 }),
    }),
  }),
  fc.record({ event: fc.record({ webhook_type: webhookType, object_type: objectType, object }, { requiredKeys: [] }) }),
  fc.record({ event: fc.record({ webhook_type: webhookType, object_type: objectType, object, extra: value }) }),
  fc.record({ event: value, extra: value }, { requiredKeys: [] }),
  value,
);
const rawBody = fc.oneof(
  { weight: 4, arbitrary: eventBody.map((body) => JSON.stringify(body) ?? "") },
  { weight: 1, arbitrary: nasty },
  { weight: 1, arbitrary: eventBody.map((body) => (JSON.stringify(body) ?? "").slice(0, -1)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
);
// Header values a client can send: printable, no line breaks or NUL.
const headerValue = fc.string({ unit: "binary-ascii", maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
const headers = fc.record(
  {
    "idempotency-key": fc.oneof(headerValue, fc.constantFrom("k", "k".repeat(255), "k".repeat(256), "same-key")),
    "content-type": fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
  },
  { requiredKeys: [] },
);

function request(method: string, path: string, body: string | Uint8Array, extra: Record<string, string> = {}): Request {
  const all: Record<string, string> = { authorization: `Bearer ${key}`, "content-type": "application/json", ...extra };
  return new Request(`http://hookline.test${path}`, { method, headers: all, body: body as BodyInit });
}

async function counts() {
  const [e, w, p, a] = await Promise.all([db.event.count(), db.webhook.count(), db.webhookEndpoint.count(), db.attempt.count()]);
  return { events: e, webhooks: w, endpoints: p, attempts: a };
}

const REFUSALS = [400, 401, 404, 413, 415, 422];

function wellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

describe(`bad input on ${testProvider}`, () => {
  it("POST /api/v1/events: 202 with the event and all its webhooks, or a 4xx that wrote nothing", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(rawBody, headers, async (body, extra) => {
        const before = await counts();
        const response = await events.POST(request("POST", "/api/v1/events", body, extra), undefined);
        const text = await response.text();
        seen.add(response.status);
        const after = await counts();
        expect([202, ...REFUSALS], `${response.status} ${text}`).toContain(response.status);
        if (response.status !== 202) return void expect(after).toEqual(before);
        const answer = JSON.parse(text) as { webhooks: unknown[] };
        // A new event with every webhook, or a replayed key that wrote nothing.
        const added = after.events - before.events;
        expect([0, 1]).toContain(added);
        expect(after.webhooks - before.webhooks).toBe(added * answer.webhooks.length);
      }),
      { numRuns: RUNS * 2 },
    );
    expect([...seen]).toEqual(expect.arrayContaining([202, 422]));
  });

  it("POST /api/v1/events: an object nested 20,000 deep, with 10,000 keys or a NUL in its id is refused or accepted, not a 500", async () => {
    // Written as text: JSON.stringify itself cannot serialise the deep one.
    const deep = `{"deep":${"[".repeat(20_000)}1${"]".repeat(20_000)}}`;
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])));
    const nul = JSON.stringify({ lago_id: "inv\u0000 1", name: "a\u0000b" });
    for (const objectJson of [deep, wide, nul]) {
      const before = await counts();
      const body = `{"event":{"webhook_type":"invoice.created","object_type":"invoice","object":${objectJson}}}`;
      const response = await events.POST(request("POST", "/api/v1/events", body), undefined);
      expect([202, ...REFUSALS], await response.text()).toContain(response.status);
      if (response.status !== 202) expect(await counts()).toEqual(before);
    }
  });

  const endpointBody = fc.oneof(
    fc.record(
      {
        webhook_endpoint: fc.record(
          {
            webhook_url: fc.oneof(fc.webUrl(), nasty, value),
            signature_algo: fc.oneof(fc.constantFrom("jwt", "hmac", "standard", "JWT", "none"), value),
            name: fc.oneof(nasty, value),
            event_types: fc.oneof(fc.array(fc.oneof(fc.constantFrom("invoice.created", "a.b"), nasty), { maxLength: 4 }), value),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
    value,
  );
  const endpointRaw = fc.oneof(
    { weight: 5, arbitrary: endpointBody.map((b) => JSON.stringify(b) ?? "") },
    { weight: 1, arbitrary: nasty },
  );

  it("POST /api/v1/webhook_endpoints: 200 with one endpoint, or a 4xx that wrote nothing", async () => {
    await fc.assert(
      fc.asyncProperty(endpointRaw, async (body) => {
        const before = await counts();
        const response = await endpoints.POST(request("POST", "/api/v1/webhook_endpoints", body), undefined);
        const text = await response.text();
        expect([200, ...REFUSALS], `${response.status} ${text}`).toContain(response.status);
        const after = await counts();
        if (response.status !== 200) return void expect(after).toEqual(before);
        expect(after.endpoints).toBe(before.endpoints + 1);
        // Make room again (the limit is five).
        await db.webhookEndpoint.delete({ where: { id: (JSON.parse(text) as { webhook_endpoint: { lago_id: string } }).webhook_endpoint.lago_id } });
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /api/v1/webhook_endpoints/:id: 200, or a 4xx that left the endpoint as it was", async () => {
    // A path segment arrives decoded and well-formed: no lone surrogates.
    const ids = fc.oneof({ weight: 4, arbitrary: fc.constant("TARGET") }, { weight: 1, arbitrary: nasty.filter((s) => s.length > 0 && wellFormed(s)) });
    await fc.assert(
      fc.asyncProperty(ids, endpointRaw, async (id, body) => {
        const lagoId = id === "TARGET" ? target : id;
        const before = await db.webhookEndpoint.findUnique({ where: { id: target } });
        const response = await endpoint.PUT(request("PUT", `/api/v1/webhook_endpoints/${encodeURIComponent(lagoId)}`, body), params({ lagoId }));
        const text = await response.text();
        expect([200, ...REFUSALS], `${response.status} ${text}`).toContain(response.status);
        if (response.status !== 200) expect(await db.webhookEndpoint.findUnique({ where: { id: target } })).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("the dashboard's create and update: a result or a UserError, never another exception or a partial write", async () => {
    const formInput = fc.oneof(
      fc.record(
        {
          url: fc.oneof(fc.webUrl(), nasty, value),
          signatureAlgo: fc.oneof(fc.constantFrom("jwt", "hmac", "standard"), value),
          name: fc.oneof(nasty, value),
          eventTypes: fc.oneof(fc.array(fc.oneof(fc.constantFrom("invoice.created", "a.b"), nasty), { maxLength: 4 }), value),
          enabled: value,
          secret: value,
        },
        { requiredKeys: [] },
      ),
      value,
    );
    await fc.assert(
      fc.asyncProperty(formInput, fc.boolean(), async (input, create) => {
        const before = await counts();
        const row = await db.webhookEndpoint.findUnique({ where: { id: target } });
        try {
          const result = create ? await createEndpoint(input) : await updateEndpoint(target, input);
          if (create) await db.webhookEndpoint.delete({ where: { id: result.id } });
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(UserError);
          expect(await counts()).toEqual(before);
          expect(await db.webhookEndpoint.findUnique({ where: { id: target } })).toEqual(row);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
