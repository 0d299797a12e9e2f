import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver, type Receiver } from "@/lib/test/receivers";
import { replayFailed, replayProgress } from "./replay";
import { runDeliveryPass } from "./delivery/loop";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
let receiver: Receiver;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  process.env.HOOKLINE_RETRY_SCHEDULE = "10ms,10ms";
  ({ db, teardown } = await setupTestDb());
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await teardown();
});
beforeEach(() => resetDb(db));

const addEndpoint = (path: string, enabled = true) =>
  db.webhookEndpoint.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      url: `${receiver.url}${path}`,
      signatureAlgo: "hmac",
      secret: "s",
      enabled,
    },
  });

/** Webhooks of one endpoint in a given state, created `ageMs` ago, as the worker leaves them. */
async function webhooks(endpointId: string, status: string, ageMs: number, n = 1): Promise<string[]> {
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: `{"webhook_type":"invoice.created"}`,
    },
  });
  const createdAt = new Date(Date.now() - ageMs);
  const ids = Array.from(
    { length: n },
    (_, i) =>
      `0190${String(Math.floor(ageMs)).padStart(12, "0").slice(-12)}-${status.padEnd(9, "x").slice(0, 4)}-7000-8000-${String(i).padStart(12, "0")}`,
  );
  await db.webhook.createMany({
    data: ids.map((id) => ({
      organizationId: DEFAULT_ORGANIZATION_ID,
      id,
      eventId: event.id,
      endpointId,
      webhookType: "invoice.created",
      objectType: "invoice",
      status,
      attemptCount: status === "pending" ? 0 : 3,
      retries: status === "pending" ? 0 : 2,
      lastHttpStatus: status === "failed" ? 500 : null,
      failureReason: status === "failed" ? "Failed after 3 attempts; last: HTTP 500" : null,
      nextAttemptAt: status === "retrying" ? new Date(Date.now() + HOUR) : null,
      createdAt,
    })),
  });
  return ids;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`bulk replay on ${testProvider}`, () => {
  it("queues this endpoint's failed and retrying webhooks since the time, counts them, and they are delivered", async () => {
    const endpoint = await addEndpoint("/replay");
    const other = await addEndpoint("/other");
    const failed = [
      ...(await webhooks(endpoint.id, "failed", 2 * HOUR, 2)),
      ...(await webhooks(endpoint.id, "failed", 3 * DAY)),
    ];
    const retrying = await webhooks(endpoint.id, "retrying", HOUR);
    const queuedIds = [...failed, ...retrying];
    const tooOld = await webhooks(endpoint.id, "failed", 5 * DAY);
    const untouched = [
      ...(await webhooks(endpoint.id, "succeeded", HOUR)),
      ...(await webhooks(other.id, "failed", HOUR)),
      ...(await webhooks(other.id, "retrying", HOUR + 1)),
    ];
    const before = await db.webhook.findMany({
      where: { id: { in: [...tooOld, ...untouched] } },
      orderBy: { id: "asc" },
    });
    const scheduled = (await db.webhook.findUniqueOrThrow({ where: { id: retrying[0] } })).nextAttemptAt;

    const now = new Date();
    const replay = await replayFailed(DEFAULT_ORG, endpoint.id, new Date(now.getTime() - 4 * DAY).toISOString(), {
      now,
    });
    expect(replay).toMatchObject({ endpointId: endpoint.id, count: 4, since: new Date(now.getTime() - 4 * DAY) });

    // Queued as operators' attempts: status and schedule stay as they are until the attempt is made.
    const queued = await db.webhook.findMany({ where: { id: { in: queuedIds } }, orderBy: { id: "asc" } });
    expect(queued.map((w) => [w.id, w.status, w.replayId, w.manualDueAt?.getTime()])).toEqual(
      queuedIds.sort().map((id) => [id, retrying.includes(id) ? "retrying" : "failed", replay.id, now.getTime()]),
    );
    expect(queued.find((w) => w.id === retrying[0])!.nextAttemptAt).toEqual(scheduled);
    expect(
      await db.webhook.findMany({ where: { id: { in: [...tooOld, ...untouched] } }, orderBy: { id: "asc" } }),
    ).toEqual(before);
    expect(await replayProgress(DEFAULT_ORG, endpoint.id, replay.id)).toEqual({
      id: replay.id,
      queued: 4,
      succeeded: 0,
      failed: 0,
      inProgress: 4,
      done: false,
    });

    await runDeliveryPass({ budgetMs: 5_000 });
    const paths = receiver.requests.map((r) => [r.path, r.headers["x-lago-unique-key"]]);
    expect(paths.sort()).toEqual(queuedIds.map((id) => ["/webhooks/replay", id]).sort());
    const delivered = await db.webhook.findMany({ where: { id: { in: queuedIds } } });
    expect(
      delivered.map((w) => [
        w.status,
        w.attemptCount,
        w.retries,
        w.manualAttempts,
        w.lastHttpStatus,
        w.nextAttemptAt,
        w.manualDueAt,
      ]),
    ).toEqual(queuedIds.map(() => ["succeeded", 4, 3, 1, 200, null, null]));
    expect(await db.attempt.count({ where: { webhookId: { in: queuedIds }, manual: true } })).toBe(4);
    expect(await replayProgress(DEFAULT_ORG, endpoint.id, replay.id)).toEqual({
      id: replay.id,
      queued: 4,
      succeeded: 4,
      failed: 0,
      inProgress: 0,
      done: true,
    });
    // Another endpoint's id does not see the replay.
    expect((await replayProgress(DEFAULT_ORG, other.id, replay.id)).queued).toBe(0);
  });

  it("counts those that fail again as failed: a failed one stays failed, a retrying one keeps its schedule", async () => {
    const endpoint = await db.webhookEndpoint.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        url: "http://127.0.0.1:9/closed",
        signatureAlgo: "hmac",
        secret: "s",
      },
    });
    const failed = await webhooks(endpoint.id, "failed", HOUR, 2);
    const [retrying] = await webhooks(endpoint.id, "retrying", HOUR);
    const scheduled = (await db.webhook.findUniqueOrThrow({ where: { id: retrying } })).nextAttemptAt;
    const replay = await replayFailed(DEFAULT_ORG, endpoint.id, new Date(Date.now() - DAY));
    expect(await runDeliveryPass({ budgetMs: 5_000 })).toMatchObject({ claimed: 3, failed: 2, retrying: 1 });
    expect(await replayProgress(DEFAULT_ORG, endpoint.id, replay.id)).toMatchObject({
      queued: 3,
      succeeded: 0,
      failed: 3,
      inProgress: 0,
      done: true,
    });
    const after = await db.webhook.findMany({ where: { id: { in: [...failed, retrying] } } });
    expect(
      after
        .filter((w) => w.status === "failed")
        .map((w) => [w.id, w.attemptCount, w.manualAttempts])
        .sort(),
    ).toEqual(failed.map((id) => [id, 4, 1]).sort());
    expect(after.find((w) => w.id === retrying)).toMatchObject({
      status: "retrying",
      attemptCount: 4,
      manualAttempts: 1,
      nextAttemptAt: scheduled,
      manualDueAt: null,
    });
    // Nothing else is due: the retrying one waits for its own time.
    expect(await runDeliveryPass({ budgetMs: 1_000 })).toMatchObject({ claimed: 0 });
  });

  it("goes through more than one chunk", async () => {
    const endpoint = await addEndpoint("/many");
    await webhooks(endpoint.id, "failed", HOUR, 1_203);
    const replay = await replayFailed(DEFAULT_ORG, endpoint.id, new Date(Date.now() - DAY));
    expect(replay.count).toBe(1_203);
    expect(await db.webhook.count({ where: { replayId: replay.id, manualDueAt: { not: null } } })).toBe(1_203);
    expect(await db.webhook.count({ where: { endpointId: endpoint.id, manualDueAt: null } })).toBe(0);
  });

  it("goes at most 14 days back, and not into the future", async () => {
    const endpoint = await addEndpoint("/limit");
    const now = new Date("2026-11-27T12:00:00Z");
    const old = await refusal(replayFailed(DEFAULT_ORG, endpoint.id, new Date(now.getTime() - 15 * DAY), { now }));
    expect(old.message).toBe(
      "Failed events can be retried up to 14 days back: choose a time after 2026-11-13 12:00 UTC.",
    );
    expect(old.fieldErrors).toEqual({ since: [old.message] });
    expect((await replayFailed(DEFAULT_ORG, endpoint.id, new Date(now.getTime() - 14 * DAY), { now })).count).toBe(0);
    expect(
      (await refusal(replayFailed(DEFAULT_ORG, endpoint.id, new Date(now.getTime() + HOUR), { now }))).message,
    ).toBe("Choose a time in the past.");
    expect((await refusal(replayFailed(DEFAULT_ORG, endpoint.id, "last tuesday", { now }))).fieldErrors).toEqual({
      since: ["must be an ISO 8601 date and time, e.g. 2026-11-26T09:00:00Z"],
    });
    // The one instant schema: a year PostgreSQL cannot hold is named as such.
    expect(
      (await refusal(replayFailed(DEFAULT_ORG, endpoint.id, "0000-01-01T00:00:00Z", { now }))).fieldErrors,
    ).toEqual({
      since: ["must be between the years 0001 and 9999"],
    });
  });

  it("refuses an unknown or disabled endpoint", async () => {
    expect((await refusal(replayFailed(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000", new Date()))).code).toBe(
      "not_found",
    );
    const disabled = await addEndpoint("/disabled", false);
    const failed = await webhooks(disabled.id, "failed", HOUR);
    const error = await refusal(replayFailed(DEFAULT_ORG, disabled.id, new Date(Date.now() - DAY)));
    expect([error.code, error.message]).toEqual([
      "conflict",
      "This endpoint is disabled. Enable it before retrying its failed events.",
    ]);
    expect((await db.webhook.findUniqueOrThrow({ where: { id: failed[0] } })).status).toBe("failed");
  });
});
