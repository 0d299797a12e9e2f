// Isolation on every organization route of the REST API: with one organization's key (or an installation key naming
// it), another organization's ids answer exactly as ids that do not exist, and nothing of the other changes. Then the
// rules of the Hookline-Organization header.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { INSTALLATION } from "@/lib/api/api-keys";
import { apiRequest, newKey, params, read, type CallOptions } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { newOrganization } from "@/lib/test/organizations";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import * as events from "./events/route";
import * as endpoint from "./webhook_endpoints/[lagoId]/route";
import * as replay from "./webhook_endpoints/[lagoId]/replay/route";
import * as endpoints from "./webhook_endpoints/route";
import * as jsonPublicKey from "./webhooks/json_public_key/route";
import * as publicKey from "./webhooks/public_key/route";
import * as retry from "./webhooks/[id]/retry/route";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());

const A = { organizationId: DEFAULT_ORGANIZATION_ID };
let B: { organizationId: string };
let keys: { a: string; b: string; installation: string };
/** B's records, which A's callers try to reach. */
let theirs: { endpointId: string; webhookId: string };
/** A's own, for the routes that must still work. */
let ours: { endpointId: string; webhookId: string };
const MISSING = "0198c0de-0000-7000-8000-000000000000";

beforeEach(async () => {
  await resetDb(db);
  B = await newOrganization(db, "Beta", "beta");
  keys = { a: await newKey("a", A), b: await newKey("b", B), installation: await newKey("platform", INSTALLATION) };
  for (const [scope, into] of [
    [A, "ours"],
    [B, "theirs"],
  ] as const) {
    // The same URL in both: endpoints are unique per organization.
    const made = await createEndpoint(scope, { url: "https://same.example/hook", signatureAlgo: "hmac" });
    const record = {
      endpointId: made.id,
      webhookId: await webhookWithStatus(db, made.id, "failed", scope.organizationId),
    };
    if (into === "ours") ours = record;
    else theirs = record;
  }
});

/** Everything of B as stored, to compare before and after a refused call. */
async function snapshot(scope: { organizationId: string }) {
  return JSON.stringify(
    await Promise.all([
      db.webhookEndpoint.findMany({ where: scope, orderBy: { id: "asc" } }),
      db.event.findMany({ where: scope, orderBy: { id: "asc" } }),
      db.webhook.findMany({ where: scope, orderBy: { id: "asc" } }),
    ]),
  );
}

type Route = {
  name: string;
  call: (ids: { endpointId: string; webhookId: string }, options: CallOptions) => Promise<Response>;
  notFoundCode: string;
};

const since = () => new Date(Date.now() - 3_600_000).toISOString();

/** Every organization route that takes an id. */
const ROUTES: Route[] = [
  {
    name: "GET /webhook_endpoints/:lago_id",
    call: ({ endpointId }, o) =>
      endpoint.GET(apiRequest("GET", `/api/v1/webhook_endpoints/${endpointId}`, o), params({ lagoId: endpointId })),
    notFoundCode: "webhook_endpoint_not_found",
  },
  {
    name: "PUT /webhook_endpoints/:lago_id",
    call: ({ endpointId }, o) =>
      endpoint.PUT(
        apiRequest("PUT", `/api/v1/webhook_endpoints/${endpointId}`, {
          ...o,
          body: { webhook_endpoint: { name: "taken over", webhook_url: "https://evil.example/hook" } },
        }),
        params({ lagoId: endpointId }),
      ),
    notFoundCode: "webhook_endpoint_not_found",
  },
  {
    name: "DELETE /webhook_endpoints/:lago_id",
    call: ({ endpointId }, o) =>
      endpoint.DELETE(
        apiRequest("DELETE", `/api/v1/webhook_endpoints/${endpointId}`, o),
        params({ lagoId: endpointId }),
      ),
    notFoundCode: "webhook_endpoint_not_found",
  },
  {
    name: "POST /webhook_endpoints/:lago_id/replay",
    call: ({ endpointId }, o) =>
      replay.POST(
        apiRequest("POST", `/api/v1/webhook_endpoints/${endpointId}/replay`, { ...o, body: { since: since() } }),
        params({ lagoId: endpointId }),
      ),
    notFoundCode: "webhook_endpoint_not_found",
  },
  {
    name: "POST /webhooks/:id/retry",
    call: ({ webhookId }, o) =>
      retry.POST(apiRequest("POST", `/api/v1/webhooks/${webhookId}/retry`, o), params({ id: webhookId })),
    notFoundCode: "webhook_not_found",
  },
];

/** The ways a caller acts in A. */
const AS_A: [string, () => CallOptions][] = [
  ["A's own key", () => ({ key: keys.a })],
  [
    "an installation key naming A by id",
    () => ({ key: keys.installation, headers: { "Hookline-Organization": A.organizationId } }),
  ],
];

describe(`isolation between organizations on the REST API, on ${testProvider}`, () => {
  describe.each(AS_A)("acting in A with %s", (_, as) => {
    it.each(ROUTES.map((route) => [route.name, route] as const))(
      "%s: B's id answers exactly as a missing one, and B is unchanged",
      async (_name, route) => {
        const before = await snapshot(B);
        const foreign = await read(await route.call(theirs, as()));
        const missing = await read(await route.call({ endpointId: MISSING, webhookId: MISSING }, as()));
        expect(foreign.status).toBe(404);
        expect(foreign).toEqual(missing);
        expect(foreign.body).toMatchObject({ code: route.notFoundCode });
        expect(await snapshot(B)).toBe(before);
        // A's own record is reachable the same way (the route works; only B's is hidden).
        expect((await route.call(ours, as())).status).not.toBe(404);
      },
    );

    it("GET /webhook_endpoints lists A's endpoints only, with A's id as lago_organization_id", async () => {
      const { body } = await read<{ webhook_endpoints: { lago_id: string; lago_organization_id: string }[] }>(
        await endpoints.GET(apiRequest("GET", "/api/v1/webhook_endpoints", as()), undefined),
      );
      expect(body.webhook_endpoints).toEqual([
        expect.objectContaining({ lago_id: ours.endpointId, lago_organization_id: A.organizationId }),
      ]);
    });

    it("POST /webhook_endpoints creates in A, whatever B holds, and the limit counts A's endpoints only", async () => {
      process.env.WEBHOOK_ENDPOINT_LIMIT = "2";
      try {
        await createEndpoint(B, { url: "https://b2.example/hook", signatureAlgo: "hmac" });
        const before = await snapshot(B);
        const created = await read<{ webhook_endpoint: { lago_organization_id: string } }>(
          await endpoints.POST(
            apiRequest("POST", "/api/v1/webhook_endpoints", {
              ...as(),
              body: { webhook_endpoint: { webhook_url: "https://b2.example/hook" } },
            }),
            undefined,
          ),
        );
        expect(created.status).toBe(200);
        expect(created.body.webhook_endpoint.lago_organization_id).toBe(A.organizationId);
        // A's third is over A's limit of 2, though B's count is what it is.
        const third = await read(
          await endpoints.POST(
            apiRequest("POST", "/api/v1/webhook_endpoints", {
              ...as(),
              body: { webhook_endpoint: { webhook_url: "https://a3.example/hook" } },
            }),
            undefined,
          ),
        );
        expect(third.status).toBe(422);
        expect(await snapshot(B)).toBe(before);
      } finally {
        delete process.env.WEBHOOK_ENDPOINT_LIMIT;
      }
    });

    it("POST /events reaches A's endpoints only; an Idempotency-Key is A's own", async () => {
      const before = await snapshot(B);
      const send = () =>
        events.POST(
          apiRequest("POST", "/api/v1/events", {
            ...as(),
            headers: { ...as().headers, "idempotency-key": "same-key" },
            body: { event: { webhook_type: "invoice.created", object_type: "invoice", object: { lago_id: "inv_1" } } },
          }),
          undefined,
        );
      const first = await read<{ event: { id: string }; webhooks: { endpoint_id: string }[] }>(await send());
      expect(first.status).toBe(202);
      expect(first.body.webhooks.map((w) => w.endpoint_id)).toEqual([ours.endpointId]);
      expect(JSON.parse((await db.event.findUniqueOrThrow({ where: { id: first.body.event.id } })).body)).toMatchObject(
        {
          organization_id: A.organizationId,
        },
      );
      expect(await snapshot(B)).toBe(before);
      // B uses the same key for its own event: a new event, not A's answer.
      const inB = await read<{ event: { id: string } }>(
        await events.POST(
          apiRequest("POST", "/api/v1/events", {
            key: keys.b,
            headers: { "idempotency-key": "same-key" },
            body: { event: { webhook_type: "invoice.created", object_type: "invoice", object: { lago_id: "inv_1" } } },
          }),
          undefined,
        ),
      );
      expect(inB.status).toBe(202);
      expect(inB.body.event.id).not.toBe(first.body.event.id);
      expect((await read<{ event: { id: string } }>(await send())).body.event.id).toBe(first.body.event.id);
    });
  });
});

describe(`the Hookline-Organization header on ${testProvider}`, () => {
  const list = (options: CallOptions) =>
    endpoints.GET(apiRequest("GET", "/api/v1/webhook_endpoints", options), undefined);
  const emit = (options: CallOptions) =>
    events.POST(
      apiRequest("POST", "/api/v1/events", {
        ...options,
        body: { event: { webhook_type: "invoice.created", object_type: "invoice", object: {} } },
      }),
      undefined,
    );

  it("is required with an installation key on every organization route: 422 naming it, nothing written", async () => {
    const [endpointsBefore, eventsBefore] = await Promise.all([db.webhookEndpoint.count(), db.event.count()]);
    const calls = [
      list({ key: keys.installation }),
      emit({ key: keys.installation }),
      endpoints.POST(
        apiRequest("POST", "/api/v1/webhook_endpoints", {
          key: keys.installation,
          body: { webhook_endpoint: { webhook_url: "https://new.example/hook" } },
        }),
        undefined,
      ),
      ...ROUTES.map((route) => route.call(ours, { key: keys.installation })),
      ...ROUTES.map((route) => route.call(ours, { key: keys.installation, headers: { "Hookline-Organization": " " } })),
    ];
    for (const response of await Promise.all(calls)) {
      const { status, body } = await read(response);
      expect(status).toBe(422);
      expect(body).toMatchObject({
        code: "validation_errors",
        error_details: { "Hookline-Organization": [expect.stringMatching(/required with an installation API key/)] },
      });
    }
    expect(await db.webhookEndpoint.count()).toBe(endpointsBefore);
    expect(await db.event.count()).toBe(eventsBefore);
  });

  it("names the organization by id or external_id; an unknown one is 404 organization_not_found", async () => {
    const inB = await read<{ webhook_endpoints: { lago_id: string }[] }>(
      await list({ key: keys.installation, headers: { "Hookline-Organization": "beta" } }),
    );
    expect(inB.body.webhook_endpoints.map((e) => e.lago_id)).toEqual([theirs.endpointId]);
    for (const unknown of ["nobody", MISSING, "x".repeat(300)]) {
      const { status, body } = await read(
        await list({ key: keys.installation, headers: { "Hookline-Organization": unknown } }),
      );
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: "organization_not_found" });
    }
  });

  it("with an organization's key: not needed, its own organization accepted, any other a 404 as if it did not exist", async () => {
    expect((await list({ key: keys.b })).status).toBe(200);
    expect((await list({ key: keys.b, headers: { "Hookline-Organization": "beta" } })).status).toBe(200);
    expect((await list({ key: keys.b, headers: { "Hookline-Organization": B.organizationId } })).status).toBe(200);
    const before = await db.event.count();
    for (const other of [A.organizationId, "nobody"]) {
      const { status, body } = await read(await emit({ key: keys.b, headers: { "Hookline-Organization": other } }));
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: "organization_not_found" });
    }
    expect(await db.event.count()).toBe(before);
  });

  it("is not needed for the installation-wide public key, which any key reads", async () => {
    for (const key of [keys.a, keys.b, keys.installation]) {
      expect((await publicKey.GET(apiRequest("GET", "/api/v1/webhooks/public_key", { key }), undefined)).status).toBe(
        200,
      );
      expect(
        (await jsonPublicKey.GET(apiRequest("GET", "/api/v1/webhooks/json_public_key", { key }), undefined)).status,
      ).toBe(200);
    }
  });
});
