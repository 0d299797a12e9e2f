// Bad input, generated (fast-check): the events API, the endpoints API and the endpoint functions behind the
// dashboard's forms never answer 500, never write part of a refused request, and store exactly what an accepted
// one asked for (read back and compared with what was sent and what was there).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newKey, params } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import * as events from "./events/route";
import * as replay from "./webhook_endpoints/[lagoId]/replay/route";
import * as endpoint from "./webhook_endpoints/[lagoId]/route";
import * as endpoints from "./webhook_endpoints/route";
import * as retry from "./webhooks/[id]/retry/route";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
let key: string;
let target: string;
// The endpoint every update is tried on, put back to this before each try (event types set, so a wipe shows).
const TARGET = {
  url: "https://target.example/hook",
  signatureAlgo: "standard",
  name: "Target",
  eventTypes: ["invoice.created", "plan.created"],
} as const;
beforeAll(async () => {
  ({ db, teardown } = await setupTestDb());
  key = await newKey();
  await createEndpoint(DEFAULT_ORG, { url: "https://all.example/hook", signatureAlgo: "hmac" });
  await createEndpoint(DEFAULT_ORG, {
    url: "https://invoices.example/hook",
    signatureAlgo: "jwt",
    eventTypes: ["invoice.created"],
  });
  target = (await createEndpoint(DEFAULT_ORG, TARGET)).id;
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
const webhookType = fc.oneof(
  fc.constantFrom("invoice.created", "customer.updated", "x.y", "a".repeat(101) + ".b"),
  nasty,
  value,
);
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
  return new Request(`http://hookline.test${path}`, {
    method,
    headers: all,
    body: method === "GET" ? undefined : (body as BodyInit),
  });
}

async function counts() {
  const [e, w, p, a] = await Promise.all([
    db.event.count(),
    db.webhook.count(),
    db.webhookEndpoint.count(),
    db.attempt.count(),
  ]);
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

type EndpointRow = NonNullable<Awaited<ReturnType<Db["webhookEndpoint"]["findUnique"]>>>;
type Fields = { url?: unknown; signatureAlgo?: unknown; name?: unknown; eventTypes?: unknown };

/** What an accepted create or update must have stored: the fields given, normalised; the others as they were. */
function expectStored(
  after: EndpointRow,
  before: Pick<EndpointRow, "url" | "name" | "signatureAlgo" | "eventTypes" | "secret"> | null,
  given: Fields,
) {
  const has = (field: keyof Fields) => Object.hasOwn(given, field);
  const expected = {
    url: has("url") ? String(given.url).trim() : before?.url,
    name: has("name") ? (typeof given.name === "string" ? given.name.trim() || null : null) : (before?.name ?? null),
    signatureAlgo: has("signatureAlgo") ? given.signatureAlgo : before?.signatureAlgo,
    eventTypes: has("eventTypes")
      ? Array.isArray(given.eventTypes)
        ? [...new Set(given.eventTypes)]
        : null
      : (before?.eventTypes ?? null),
  };
  expect({
    url: after.url,
    name: after.name,
    signatureAlgo: after.signatureAlgo,
    eventTypes: after.eventTypes,
  }).toEqual(expected);
  // A secret of the signature's kind: kept unless the signature moved to or from Standard Webhooks.
  expect(after.secret.startsWith("whsec_")).toBe(after.signatureAlgo === "standard");
  const movedKind = before !== null && (before.signatureAlgo === "standard") !== (after.signatureAlgo === "standard");
  if (before && !movedKind) expect(after.secret).toBe(before.secret);
}

/** Lago's field names -> ours, leaving out what was not sent. */
function ourFields(body: unknown, create: boolean): Fields {
  const fields = (body as { webhook_endpoint: Record<string, unknown> }).webhook_endpoint;
  const ours: Fields = {};
  if (Object.hasOwn(fields, "webhook_url")) ours.url = fields.webhook_url;
  // Lago's default signature is JWT: a create without one, or with null, gets it.
  if (create) ours.signatureAlgo = fields.signature_algo ?? "jwt";
  else if (Object.hasOwn(fields, "signature_algo")) ours.signatureAlgo = fields.signature_algo;
  if (Object.hasOwn(fields, "name")) ours.name = fields.name;
  if (Object.hasOwn(fields, "event_types")) ours.eventTypes = fields.event_types;
  return ours;
}

async function resetTarget() {
  await db.webhookEndpoint.update({
    where: { id: target },
    data: {
      url: TARGET.url,
      name: TARGET.name,
      signatureAlgo: TARGET.signatureAlgo,
      eventTypes: [...TARGET.eventTypes],
      secret: "whsec_dGFyZ2V0LXNlY3JldC1mb3ItdGVzdHM=",
    },
  });
}

/** The object id an event is searched by: lago_id, else id; text or a number; no NUL; a lone surrogate as U+FFFD. */
function expectedObjectId(object: Record<string, unknown>): string | null {
  const raw = object.lago_id ?? object.id;
  return typeof raw === "string" || typeof raw === "number"
    ? String(raw).replaceAll("\u0000", "").toWellFormed()
    : null;
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
        const answer = JSON.parse(text) as { event: { id: string }; webhooks: { id: string; endpoint_id: string }[] };
        // A new event with every webhook, or a replayed key that wrote nothing.
        const added = after.events - before.events;
        expect([0, 1]).toContain(added);
        expect(after.webhooks - before.webhooks).toBe(added * answer.webhooks.length);
        if (!added) return;
        // Stored as sent: the body holds the object exactly (JSON.parse keeps every own key, __proto__ included).
        const sent = (
          JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)) as {
            event: { webhook_type: string; object_type: string; object: Record<string, unknown> };
          }
        ).event;
        const stored = await db.event.findUniqueOrThrow({ where: { id: answer.event.id } });
        expect(stored.body).toBe(
          JSON.stringify({
            webhook_type: sent.webhook_type,
            object_type: sent.object_type,
            organization_id: DEFAULT_ORGANIZATION_ID,
            [sent.object_type]: sent.object,
          }),
        );
        expect(stored).toMatchObject({
          webhookType: sent.webhook_type,
          objectType: sent.object_type,
          objectId: expectedObjectId(sent.object),
        });
        // One webhook for each enabled endpoint of the key's organization that wants the type, no other.
        const wanting = (
          await db.webhookEndpoint.findMany({ where: { enabled: true, organizationId: DEFAULT_ORGANIZATION_ID } })
        )
          .filter(
            (e) => e.eventTypes === null || (Array.isArray(e.eventTypes) && e.eventTypes.includes(sent.webhook_type)),
          )
          .map((e) => e.id)
          .sort();
        const written = await db.webhook.findMany({ where: { eventId: answer.event.id } });
        expect(written.map((w) => w.endpointId).sort()).toEqual(wanting);
        for (const w of written)
          expect(w).toMatchObject({ webhookType: sent.webhook_type, objectId: stored.objectId, status: "pending" });
      }),
      {
        numRuns: RUNS * 2,
        examples: [
          [
            '{"event":{"webhook_type":"invoice.created","object_type":"invoice","object":{"lago_id":"a","__proto__":{"x":1}}}}',
            {},
          ],
          [
            `{"event":{"webhook_type":"invoice.created","object_type":"invoice","object":{"lago_id":"${"i".repeat(3000)}"}}}`,
            {},
          ],
          ['{"event":{"webhook_type":"invoice.created","object_type":"webhook_type","object":{}}}', {}],
        ],
      },
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
            event_types: fc.oneof(
              fc.array(fc.oneof(fc.constantFrom("invoice.created", "a.b"), nasty), { maxLength: 4 }),
              value,
            ),
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
        const id = (JSON.parse(text) as { webhook_endpoint: { lago_id: string } }).webhook_endpoint.lago_id;
        expectStored(
          await db.webhookEndpoint.findUniqueOrThrow({ where: { id } }),
          null,
          ourFields(JSON.parse(body), true),
        );
        // Make room again (the limit is five).
        await db.webhookEndpoint.delete({ where: { id } });
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /api/v1/webhook_endpoints/:id: 200, or a 4xx that left the endpoint as it was", async () => {
    // A path segment arrives decoded and well-formed: no lone surrogates.
    const ids = fc.oneof(
      { weight: 4, arbitrary: fc.constant("TARGET") },
      { weight: 1, arbitrary: nasty.filter((s) => s.length > 0 && wellFormed(s)) },
    );
    await fc.assert(
      fc.asyncProperty(ids, endpointRaw, async (id, body) => {
        await resetTarget();
        const lagoId = id === "TARGET" ? target : id;
        const before = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: target } });
        const response = await endpoint.PUT(
          request("PUT", `/api/v1/webhook_endpoints/${encodeURIComponent(lagoId)}`, body),
          params({ lagoId }),
        );
        const text = await response.text();
        expect([200, ...REFUSALS], `${response.status} ${text}`).toContain(response.status);
        const after = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: target } });
        if (response.status !== 200) return void expect(after).toEqual(before);
        expect(lagoId).toBe(target);
        expectStored(after, before, ourFields(JSON.parse(body), false));
      }),
      {
        numRuns: RUNS,
        // A partial update: the URL alone, or nothing at all, must leave the event types and the name alone.
        examples: [
          ["TARGET", '{"webhook_endpoint":{"webhook_url":"https://moved.example/hook"}}'],
          ["TARGET", '{"webhook_endpoint":{}}'],
          ["TARGET", '{"webhook_endpoint":{"signature_algo":"hmac"}}'],
        ],
      },
    );
  });

  it("the dashboard's create and update: a result or an AppError, never another exception or a partial write", async () => {
    const formInput = fc.oneof(
      fc.record(
        {
          url: fc.oneof(fc.webUrl(), nasty, value),
          signatureAlgo: fc.oneof(fc.constantFrom("jwt", "hmac", "standard"), value),
          name: fc.oneof(nasty, value),
          eventTypes: fc.oneof(
            fc.array(fc.oneof(fc.constantFrom("invoice.created", "a.b"), nasty), { maxLength: 4 }),
            value,
          ),
          enabled: value,
          secret: value,
        },
        { requiredKeys: [] },
      ),
      value,
    );
    await fc.assert(
      fc.asyncProperty(formInput, fc.boolean(), async (input, create) => {
        await resetTarget();
        const before = await counts();
        const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: target } });
        let result: Awaited<ReturnType<typeof createEndpoint>>;
        try {
          result = create ? await createEndpoint(DEFAULT_ORG, input) : await updateEndpoint(DEFAULT_ORG, target, input);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(AppError);
          expect(await counts()).toEqual(before);
          expect(await db.webhookEndpoint.findUnique({ where: { id: target } })).toEqual(row);
          return;
        }
        const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: result.id } });
        expectStored(stored, create ? null : row, input as Fields);
        if (create) await db.webhookEndpoint.delete({ where: { id: result.id } });
      }),
      {
        numRuns: RUNS,
        examples: [
          [{ url: "https://moved.example/hook" }, false],
          [{}, false],
          [{ name: "Renamed" }, false],
        ],
      },
    );
  });

  it("ids no record can have (NUL, odd characters, too long) are a 404 on every route that takes one, and change nothing", async () => {
    const badIds = fc.oneof(
      fc.constantFrom(
        "\u0000",
        "a\u0000b",
        `${"0".repeat(8)}-0000-7000-8000-${"0".repeat(12)}\u0000`,
        "x".repeat(65),
        "é",
        "a b",
        "%00",
        "..",
      ),
      nasty.filter((s) => s.length > 0 && wellFormed(s) && !/^[A-Za-z0-9_-]{1,64}$/.test(s)),
    );
    const since = new Date(Date.now() - 3_600_000).toISOString();
    await fc.assert(
      fc.asyncProperty(badIds, async (id) => {
        const before = await counts();
        const path = `/api/v1/webhook_endpoints/${encodeURIComponent(id)}`;
        const answers = [
          await endpoint.GET(request("GET", path, ""), params({ lagoId: id })),
          await endpoint.PUT(request("PUT", path, '{"webhook_endpoint":{"name":"x"}}'), params({ lagoId: id })),
          await endpoint.DELETE(request("DELETE", path, ""), params({ lagoId: id })),
          await replay.POST(request("POST", `${path}/replay`, JSON.stringify({ since })), params({ lagoId: id })),
          await retry.POST(request("POST", `/api/v1/webhooks/${encodeURIComponent(id)}/retry`, ""), params({ id })),
        ];
        for (const answer of answers) expect(answer.status, `${JSON.stringify(id)}: ${await answer.text()}`).toBe(404);
        expect(await counts()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});
