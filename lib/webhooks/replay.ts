import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { wakeWorker } from "./delivery/loop";
import { queueRetries } from "./retry";
import { idSchema, instantSchema } from "./schemas";

/**
 * Bulk replay, "Retry all failed since ...": every webhook of one endpoint whose last attempt failed (failed or
 * retrying) created since a chosen time (at most 14 days back) gets an attempt queued now, as Retry now does, a chunk
 * at a time; each is tagged with the replay's id so its progress counts exactly those webhooks.
 */

export const REPLAY_MAX_DAYS = 14;
const DAY_MS = 86_400_000;
const CHUNK = 500;
// The dashboard offers "14 days ago" as the earliest choice; the minutes until it is submitted are forgiven.
const GRACE_MS = 10 * 60_000;

export const replayInputSchema = z.strictObject({
  since: z.preprocess(
    (value) => (value instanceof Date ? (Number.isNaN(value.getTime()) ? "" : value.toISOString()) : value),
    instantSchema,
  ),
});

/** The dashboard's "Retry all failed since ...": the endpoint and the time. */
export const replayActionSchema = replayInputSchema.extend({ endpointId: idSchema });

export type ReplayStarted = { id: string; endpointId: string; since: Date; count: number; startedAt: Date };

export type ReplayProgress = {
  id: string;
  /** Webhooks this replay re-queued (still present). */
  queued: number;
  succeeded: number;
  /** Failed again: failed, or retrying on its schedule after the replay's attempt failed. */
  failed: number;
  /** The replay's attempt is not made yet. */
  inProgress: number;
  done: boolean;
};

const utcMinute = (date: Date) => `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;

/** The earliest `since` a replay accepts at `now`. */
export function earliestReplaySince(now = new Date()): Date {
  return new Date(now.getTime() - REPLAY_MAX_DAYS * DAY_MS);
}

/**
 * Re-sends every failed or retrying webhook of `endpointId` created between `since` and now (same unique keys; each
 * attempt counts as a retry). Refuses a `since` more than 14 days back, and a disabled endpoint. Returns the count
 * queued.
 */
export async function replayFailed(
  scope: OrgScope,
  endpointId: string,
  since: Date | string,
  { now = new Date(), db = getDb() }: { now?: Date; db?: Db } = {},
): Promise<ReplayStarted> {
  const id = parseInput(idSchema, endpointId);
  const input = parseInput(replayInputSchema, { since });
  const earliest = earliestReplaySince(now);
  if (input.since.getTime() < earliest.getTime() - GRACE_MS) {
    const message = `Failed events can be retried up to ${REPLAY_MAX_DAYS} days back: choose a time after ${utcMinute(earliest)}.`;
    throw new AppError(AppErrorCode.InvalidInput, message, { fieldErrors: { since: [message] } });
  }
  if (input.since.getTime() > now.getTime()) {
    const message = "Choose a time in the past.";
    throw new AppError(AppErrorCode.InvalidInput, message, { fieldErrors: { since: [message] } });
  }
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { ...orgScope(scope), id },
    select: { id: true, enabled: true },
  });
  if (!endpoint) throw new AppError(AppErrorCode.NotFound, "This webhook endpoint does not exist.");
  if (!endpoint.enabled)
    throw new AppError(
      AppErrorCode.Conflict,
      "This endpoint is disabled. Enable it before retrying its failed events.",
    );

  const replayId = randomUUID();
  let count = 0;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    // Keyset over (createdAt, id) on the (endpointId, status, createdAt) index; a webhook that fails again while
    // the replay goes on is behind the cursor and is not queued twice.
    const rows: { id: string; createdAt: Date }[] = await db.webhook.findMany({
      where: {
        ...orgScope(scope),
        endpointId: endpoint.id,
        status: { in: ["failed", "retrying"] },
        createdAt: { gte: input.since, lte: now },
        ...(after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: CHUNK,
      select: { id: true, createdAt: true },
    });
    if (!rows.length) break;
    count += await queueRetries(
      scope,
      rows.map((row) => row.id),
      { db, replayId, now },
    );
    // The worker starts on the first chunk while the next ones are queued.
    wakeWorker();
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1];
  }
  return { id: replayId, endpointId: endpoint.id, since: input.since, count, startedAt: now };
}

/** How the webhooks of one replay stand now: counts on the (replayId, status) index; unsent ones still have `manualDueAt`. */
export async function replayProgress(
  scope: OrgScope,
  endpointId: string,
  replayId: string,
  db: Db = getDb(),
): Promise<ReplayProgress> {
  const endpoint = parseInput(idSchema, endpointId);
  const id = parseInput(idSchema, replayId);
  const where = { ...orgScope(scope), replayId: id, endpointId: endpoint };
  const [groups, unsent] = await Promise.all([
    db.webhook.groupBy({ by: ["status"], where: { ...where, manualDueAt: null }, _count: { _all: true } }),
    db.webhook.count({ where: { ...where, manualDueAt: { not: null } } }),
  ]);
  const counts: Record<string, number> = {};
  for (const group of groups) counts[group.status] = group._count._all;
  const succeeded = counts.succeeded ?? 0;
  const failed = (counts.failed ?? 0) + (counts.retrying ?? 0);
  const inProgress = unsent + (counts.pending ?? 0);
  return { id, queued: succeeded + failed + inProgress, succeeded, failed, inProgress, done: inProgress === 0 };
}
