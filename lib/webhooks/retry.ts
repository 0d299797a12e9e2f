import { getDb, type Db } from "@/lib/db/client";
import type { Webhook } from "@/lib/db/models";
import { AppError, AppErrorCode } from "@/lib/errors";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { claimOne, isInFlight, type ManualKind } from "./delivery/claim";
import { deliverOne, loadContext } from "./delivery/deliver";
import { countInFlight, newWorkerId, wakeWorker } from "./delivery/loop";
import { writeOutcomes } from "./delivery/record";
import { workerSettings } from "./delivery/settings";

/**
 * What an operator can do to one webhook beside its schedule. Every attempt asked for here keeps the unique key and
 * counts as a retry, but not against the retry schedule: if it fails, a retrying webhook keeps its remaining
 * attempts and next time, and any other is failed. A webhook with an attempt in flight is never sent a second one at
 * the same moment: Retry now, Resend and Stop refuse it; a queued request (REST, bulk replay) waits for the lease.
 * Each takes the organization: another organization's webhook is not found.
 */

const IN_FLIGHT = "This webhook is being sent right now; its result shows here in a moment.";

async function current(db: Db, scope: OrgScope, id: string) {
  const webhook = await db.webhook.findFirst({
    where: { ...orgScope(scope), id },
    select: { status: true, leaseOwner: true, leaseUntil: true },
  });
  if (!webhook) throw new AppError(AppErrorCode.NotFound, "Webhook not found.");
  return webhook;
}

async function refuseSend(db: Db, scope: OrgScope, id: string, kind: ManualKind): Promise<never> {
  const webhook = await current(db, scope, id);
  if (isInFlight(webhook)) throw new AppError(AppErrorCode.Conflict, IN_FLIGHT);
  if (kind === "resend")
    throw new AppError(
      AppErrorCode.Conflict,
      "Only a delivered webhook can be resent; retry one whose last attempt failed.",
    );
  if (webhook.status === "succeeded")
    throw new AppError(AppErrorCode.Conflict, "This webhook was delivered; resend it to send it again.");
  throw new AppError(AppErrorCode.Conflict, "This webhook has not been sent yet; its first attempt is on its way.");
}

/** Sends one webhook at once and waits for the result: Retry now (last attempt failed) or Resend (delivered). */
async function sendNow(scope: OrgScope, id: string, kind: ManualKind, db: Db): Promise<Webhook> {
  // The claim is by id alone (the worker's statement): the organization is checked first.
  await current(db, scope, id);
  const workerId = `${newWorkerId()}:operator`;
  const job = await claimOne(id, kind, workerId, workerSettings().leaseMs, db);
  if (!job) return refuseSend(db, scope, id, kind);
  await countInFlight(async () => writeOutcomes(db, workerId, [await deliverOne(job, await loadContext(db, [job]))]));
  return db.webhook.findFirstOrThrow({ where: { ...orgScope(scope), id } });
}

/**
 * Retry now, on a webhook whose last attempt failed (`failed` or `retrying`): sent at once; a success ends its
 * schedule. If the schedule has an attempt due at this moment anyway, that attempt is the one sent.
 */
export function retryNow(scope: OrgScope, id: string, db: Db = getDb()): Promise<Webhook> {
  return sendNow(scope, id, "retry", db);
}

/** Resend a delivered webhook: one more attempt under the same unique key; if it fails, the webhook is failed. */
export function resendWebhook(scope: OrgScope, id: string, db: Db = getDb()): Promise<Webhook> {
  return sendNow(scope, id, "resend", db);
}

/** Stop retrying: a retrying webhook's schedule ends; it is failed, with who stopped it as the reason. */
export async function stopRetrying(scope: OrgScope, id: string, stoppedBy: string, db: Db = getDb()): Promise<Webhook> {
  const now = new Date();
  const { count } = await db.webhook.updateMany({
    where: { ...orgScope(scope), id, status: "retrying", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: {
      status: "failed",
      failureReason: `Retries stopped by ${stoppedBy}`,
      nextAttemptAt: null,
      manualDueAt: null,
      leaseUntil: null,
      leaseOwner: null,
      leasedAt: null,
      updatedAt: now,
    },
  });
  if (count === 0) {
    const webhook = await current(db, scope, id);
    if (isInFlight(webhook, now))
      throw new AppError(AppErrorCode.Conflict, `${IN_FLIGHT} Stop its retries once it is recorded.`);
    throw new AppError(AppErrorCode.Conflict, "Only a webhook that is retrying can be stopped.");
  }
  return db.webhook.findFirstOrThrow({ where: { ...orgScope(scope), id } });
}

/**
 * Queues an attempt now for each of `ids` whose last attempt failed (bulk replay, REST retry), tagged with
 * `replayId` if given; the worker sends them as operators' attempts. Returns how many. Does not wake the worker.
 */
export async function queueRetries(
  scope: OrgScope,
  ids: string[],
  { db = getDb(), replayId, now = new Date() }: { db?: Db; replayId?: string; now?: Date } = {},
): Promise<number> {
  if (!ids.length) return 0;
  const { count } = await db.webhook.updateMany({
    where: { ...orgScope(scope), id: { in: ids }, status: { in: ["failed", "retrying"] } },
    data: { manualDueAt: now, ...(replayId ? { replayId } : {}) },
  });
  return count;
}

/** `POST /api/v1/webhooks/:id/retry`: queues an attempt now for a failed or retrying webhook and wakes the worker. */
export async function requestRetry(scope: OrgScope, id: string, db: Db = getDb()): Promise<Webhook> {
  if ((await queueRetries(scope, [id], { db })) === 0) {
    const webhook = await current(db, scope, id);
    const why = webhook.status === "succeeded" ? "it was delivered" : "it has not been sent yet";
    throw new AppError(AppErrorCode.Conflict, `Only a webhook whose last attempt failed can be retried; ${why}.`);
  }
  wakeWorker();
  return db.webhook.findFirstOrThrow({ where: { ...orgScope(scope), id } });
}
