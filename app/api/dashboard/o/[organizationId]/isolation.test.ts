// Isolation on every JSON route of the dashboard: a member of A (signed in, or with A's portal token) who names
// organization B, or B's records under A's address, gets exactly the answer a missing id gets, and nothing of B is in
// it. A's own ids still answer, without B's data. B has the same kinds of records, with markers to look for.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { params } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { PORTAL_TOKEN_HEADER } from "@/lib/portal/link";
import { signPortalToken } from "@/lib/portal/tokens";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { testProvider } from "@/lib/test/db";
import { newOrganization } from "@/lib/test/organizations";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { replayFailed } from "@/lib/webhooks/replay";
import * as health from "./endpoints/[endpointId]/health/route";
import * as replay from "./endpoints/[endpointId]/replays/[replayId]/route";
import * as types from "./endpoints/[endpointId]/webhook-types/route";
import * as webhooks from "./endpoints/[endpointId]/webhooks/route";
import * as count from "./endpoints/[endpointId]/webhooks/count/route";
import * as webhook from "./endpoints/[endpointId]/webhooks/[webhookId]/route";
import * as attempt from "./endpoints/[endpointId]/webhooks/[webhookId]/attempts/[attemptId]/route";
import * as exportRoute from "./webhooks/export/route";

vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

type Slot = "endpointId" | "webhookId" | "attemptId" | "replayId";
type Ids = Record<Slot, string>;
/** An organization's records, and the strings of its data that must never reach another organization's member. */
type Records = Ids & { organizationId: string; markers: string[] };

const A = DEFAULT_ORGANIZATION_ID;
// Ids that exist nowhere, one per place, so an answer that repeats the id asked for can be compared.
const MISSING: Ids = {
  endpointId: "0198c0de-0000-7000-8000-0000000000e1",
  webhookId: "0198c0de-0000-7000-8000-0000000000e2",
  attemptId: "0198c0de-0000-7000-8000-0000000000e3",
  replayId: "0198c0de-0000-7000-8000-0000000000e4",
};
const MISSING_ORGANIZATION = "0198c0de-0000-7000-8000-0000000000e0";

/** An endpoint with a failed webhook, one attempt of it, and a bulk replay that re-queued it; markers named `tag`. */
async function records(organizationId: string, tag: string): Promise<Records> {
  const url = `https://${tag}.example/hook`;
  const endpoint = await createEndpoint({ organizationId }, { url, signatureAlgo: "hmac" });
  const webhookType = `${tag}.secret_type`;
  const event = await db.event.create({
    data: { organizationId, webhookType, objectType: "invoice", body: `{"secret":"${tag}-payload"}` },
  });
  const webhook = await db.webhook.create({
    data: {
      organizationId,
      eventId: event.id,
      endpointId: endpoint.id,
      webhookType,
      objectType: "invoice",
      objectId: `obj_${tag}`,
      status: "failed",
      lastResponse: `${tag}-last-response`,
      attemptCount: 1,
    },
  });
  const attempt = await db.attempt.create({
    data: {
      webhookId: webhook.id,
      startedAt: new Date(),
      durationMs: 12,
      statusCode: 500,
      responseBody: `${tag}-response`,
      succeeded: false,
      requestUrl: url,
    },
  });
  const replayed = await replayFailed({ organizationId }, endpoint.id, new Date(Date.now() - 3_600_000));
  const { secret } = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  const ids = { endpointId: endpoint.id, webhookId: webhook.id, attemptId: attempt.id, replayId: replayed.id };
  return {
    organizationId,
    ...ids,
    markers: [...Object.values(ids), organizationId, event.id, url, secret, webhookType, `obj_${tag}`, tag],
  };
}

type Call = (organizationId: string, ids: Ids, headers: Record<string, string>) => Promise<Response>;
type Handler = { GET(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> };

/** A route whose ids are in its path (`slots`, outermost first), called as Next calls it. */
function inPath(handler: Handler, slots: Slot[], query = ""): Call {
  return (organizationId, ids, headers) => {
    const named = Object.fromEntries(slots.map((slot) => [slot, ids[slot]]));
    const path = `http://localhost/api/dashboard/o/${organizationId}/${slots.map((s) => ids[s]).join("/")}${query}`;
    return handler.GET(new Request(path, { headers }), params({ organizationId, ...named }));
  };
}

type Route = {
  name: string;
  /** The ids the route names, outermost first. */
  slots: Slot[];
  call: Call;
  /** Whether a portal token is accepted (the export is a plain download: the portal has none). */
  portal: boolean;
  /** What of A's own records the route's answer shows, when it shows one. */
  shows?: (ours: Records) => string;
  /** The status of a missing id: 404, but a replay is counted from its webhooks, so an unknown one is 200 with none. */
  unknown?: 200;
};

const ROUTES: Route[] = [
  { name: "health", slots: ["endpointId"], call: inPath(health, ["endpointId"], "?range=30d"), portal: true },
  {
    name: "webhook-types",
    slots: ["endpointId"],
    call: inPath(types, ["endpointId"], "?q="),
    portal: true,
    shows: () => "alpha.secret_type",
  },
  {
    name: "webhooks list",
    slots: ["endpointId"],
    call: inPath(webhooks, ["endpointId"]),
    portal: true,
    shows: (ours) => ours.webhookId,
  },
  { name: "webhooks count", slots: ["endpointId"], call: inPath(count, ["endpointId"]), portal: true },
  {
    name: "webhook detail",
    slots: ["endpointId", "webhookId"],
    call: inPath(webhook, ["endpointId", "webhookId"]),
    portal: true,
    shows: () => "alpha-payload",
  },
  {
    name: "attempt",
    slots: ["endpointId", "webhookId", "attemptId"],
    call: inPath(attempt, ["endpointId", "webhookId", "attemptId"]),
    portal: true,
    shows: () => "alpha-response",
  },
  {
    name: "replay progress",
    slots: ["endpointId", "replayId"],
    call: inPath(replay, ["endpointId", "replayId"]),
    portal: true,
    shows: (ours) => ours.replayId,
    unknown: 200,
  },
  {
    name: "export of one endpoint",
    slots: ["endpointId"],
    call: (organizationId, { endpointId }, headers) =>
      exportRoute.GET(
        new Request(`http://localhost/api/dashboard/o/${organizationId}/webhooks/export?endpoint=${endpointId}`, {
          headers,
        }),
        params({ organizationId }),
      ),
    portal: false,
    shows: () => "obj_alpha",
  },
  {
    name: "export of every endpoint",
    slots: [],
    call: (organizationId, _, headers) =>
      exportRoute.GET(
        new Request(`http://localhost/api/dashboard/o/${organizationId}/webhooks/export?format=ndjson`, { headers }),
        params({ organizationId }),
      ),
    portal: false,
    shows: () => "obj_alpha",
  },
];

let ours: Records;
let theirs: Records;
beforeEach(async () => {
  ours = await records(A, "alpha");
  theirs = await records((await newOrganization(db, "Globex")).organizationId, "globex");
});

/** Status and body text of an answer. */
async function answer(response: Response) {
  return { status: response.status, body: await response.text() };
}

/** B's markers in a body, leaving out the ids the request itself named (an answer may repeat those). */
function leaked(body: string, sent: string[]): string[] {
  return theirs.markers.filter((marker) => !sent.includes(marker) && body.includes(marker));
}

/** Ids of `slots`: the first `fromA` of them A's, the rest from `rest` (B's, or missing ones). */
function mixed(slots: Slot[], fromA: number, rest: Ids): Ids {
  const ids = { ...rest };
  for (const slot of slots.slice(0, fromA)) ids[slot] = ours[slot];
  return ids;
}

describe.each([
  ["a signed-in member of A", false],
  ["A's portal session", true],
] as const)(`the dashboard's JSON routes, for %s, on ${testProvider}`, (_, viaPortal) => {
  const routes = ROUTES.filter((route) => route.portal || !viaPortal);
  let headers: Record<string, string>;
  beforeEach(async () => {
    headers = {};
    if (!viaPortal) return;
    signOut();
    const { token } = await signPortalToken({ organizationId: A, role: "viewer", ttlSeconds: 600 });
    headers = { [PORTAL_TOKEN_HEADER]: token };
  });

  it.each(routes.filter((route) => route.slots.length).map((route) => [route.name, route] as const))(
    "%s: B's ids under A's address answer as missing ids, with nothing of B",
    async (_, route) => {
      // Every split: B's ids throughout, then A's outer ids with B's inner ones (A's endpoint, B's webhook, ...).
      for (let fromA = 0; fromA < route.slots.length; fromA++) {
        const foreign = mixed(route.slots, fromA, theirs);
        const missing = mixed(route.slots, fromA, MISSING);
        const got = await answer(await route.call(A, foreign, headers));
        const expected = await answer(await route.call(A, missing, headers));
        // The answer to a missing id, with that id swapped for the foreign one it stood in for.
        let body = expected.body;
        for (const slot of route.slots) body = body.replaceAll(missing[slot], foreign[slot]);
        expect({ status: got.status, body: got.body }, `first ${fromA} ids A's`).toEqual({ ...expected, body });
        expect(got.status).toBe(route.unknown ?? 404);
        expect(
          leaked(
            got.body,
            route.slots.map((slot) => foreign[slot]),
          ),
        ).toEqual([]);
      }
    },
  );

  it.each(routes.map((route) => [route.name, route] as const))(
    "%s: B's address is not found, as an organization that does not exist, with nothing of B",
    async (_, route) => {
      const got = await answer(await route.call(theirs.organizationId, theirs, headers));
      const expected = await answer(await route.call(MISSING_ORGANIZATION, MISSING, headers));
      expect(got).toEqual({ status: 404, body: expected.body });
      expect(leaked(got.body, [theirs.organizationId, ...route.slots.map((slot) => theirs[slot])])).toEqual([]);
    },
  );

  it.each(routes.map((route) => [route.name, route] as const))(
    "%s: A's own ids answer, and nothing of B is in the answer",
    async (_, route) => {
      const got = await answer(await route.call(A, ours, headers));
      expect(got.status).toBe(200);
      if (route.shows) expect(got.body).toContain(route.shows(ours));
      expect(leaked(got.body, [])).toEqual([]);
    },
  );
});

describe(`the export, on ${testProvider}`, () => {
  it("is for signed-in members only: A's portal token alone is refused, and nothing is in the answer", async () => {
    signOut();
    const { token } = await signPortalToken({ organizationId: A, role: "admin", ttlSeconds: 600 });
    for (const route of ROUTES.filter((r) => !r.portal)) {
      const got = await answer(await route.call(A, ours, { [PORTAL_TOKEN_HEADER]: token }));
      expect(got.status, route.name).toBe(401);
      expect(got.body).not.toContain("alpha");
      expect(leaked(got.body, [])).toEqual([]);
    }
  });
});
