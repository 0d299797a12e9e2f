// The dashboard's JSON routes with ids and filters a hand-edited URL can hold: 404 or 422, never a 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { signIn } from "@/lib/test/session";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { encodeCursor } from "@/lib/webhooks/queries";

vi.mock("next-auth", () => import("@/lib/test/session"));

const health = await import("./health/route");
const replay = await import("./replays/[replayId]/route");
const webhooks = await import("./webhooks/route");
const webhook = await import("./webhooks/[webhookId]/route");
const types = await import("./webhook-types/route");

let db: Db;
let teardown: () => Promise<void>;
let endpointId: string;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  await signIn(db);
  endpointId = (
    await db.webhookEndpoint.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        url: "https://example.com/hook",
        signatureAlgo: "hmac",
        secret: "s",
      },
    })
  ).id;
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: "{}",
    },
  });
  await db.webhook.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      eventId: event.id,
      endpointId,
      webhookType: "invoice.created",
      objectType: "invoice",
      status: "failed",
    },
  });
});

type Ids = { organizationId: string; endpointId: string; webhookId: string; replayId: string };
const get = (
  handler: { GET: (request: Request, context: { params: Promise<Ids> }) => Promise<Response> },
  ids: Partial<Ids>,
  query = "",
) =>
  handler.GET(new Request(`http://localhost/api/dashboard/x${query}`), {
    params: Promise.resolve({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId,
      webhookId: "w",
      replayId: "r",
      ...ids,
    }),
  });

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe(`dashboard JSON routes on ${testProvider}`, () => {
  it.each(["\u0000", "a\u0000b", "x".repeat(65), "é"])(
    "answer 404 for the id %j in any place of the path",
    async (bad) => {
      const calls = [
        get(health, { endpointId: bad }),
        get(webhooks, { endpointId: bad }),
        get(types, { endpointId: bad }),
        get(webhook, { endpointId: bad }),
        get(webhook, { webhookId: bad }),
        get(replay, { endpointId: bad }),
        get(replay, { replayId: bad }),
        get(health, { organizationId: bad }),
        get(webhooks, { organizationId: bad }),
      ];
      for (const response of await Promise.all(calls))
        expect(await answer(response)).toEqual({ status: 404, body: { error: "Nothing exists at this address." } });
    },
  );

  it.each([
    ["?q=%00", "The search must not contain control characters."],
    [
      "?from=-271821-04-20T00:00:00Z",
      "From date must be a day (2026-11-26) or an ISO 8601 date and time (2026-11-26T09:00:00Z).",
    ],
    ["?from=0000-01-01", "From date must be between the years 0001 and 9999."],
    ["?to=0000-06-01T00:00:00Z", "To date must be between the years 0001 and 9999."],
    [
      `?cursor=${encodeCursor({ createdAt: "-271821-04-20T00:00:00.000Z", id: "abc" })}`,
      "This page link is no longer valid. Reload the log.",
    ],
    [
      `?cursor=${encodeCursor({ createdAt: "0000-01-01T00:00:00.000Z", id: "abc" })}`,
      "This page link is no longer valid. Reload the log.",
    ],
    [
      `?cursor=${encodeCursor({ createdAt: "2026-01-01T00:00:00.000Z", id: "a\u0000b" })}`,
      "This page link is no longer valid. Reload the log.",
    ],
  ])("answer the log filter %s with 422 and the reason", async (query, error) => {
    expect(await answer(await get(webhooks, {}, query))).toEqual({ status: 422, body: { error } });
  });

  it("search the log's types with a bounded answer, and refuse a search no type can match", async () => {
    expect(await answer(await get(types, {}, "?q=INVOICE"))).toEqual({
      status: 200,
      body: { types: ["invoice.created"], more: false },
    });
    expect((await answer(await get(types, {}, "?q=%00"))).status).toBe(422);
    expect((await answer(await get(types, {}, `?q=${"a".repeat(101)}`))).status).toBe(422);
  });
});
