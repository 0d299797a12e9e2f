import { randomBytes } from "node:crypto";
import os from "node:os";
import { dbProvider, getDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import type { Webhook } from "@/lib/generated/postgres/client";
import { deliveryTimeoutMs, postWebhook, type HttpResult } from "./http";
import { maxAttempts, retryDelayMs } from "./retry-policy";
import { signatureHeaders } from "./signing";

/**
 * The delivery worker: claim due webhooks under a lease, deliver them with bounded concurrency, record each
 * attempt. The in-process loop, the wake-up after an emit, the cron route and the dashboard's Retry all go
 * through `pump` / `deliverClaimed` below.
 */

export type ClaimedWebhook = { id: string; eventId: string; endpointId: string; attemptCount: number };
export type PassStats = { claimed: number; succeeded: number; failed: number; retrying: number };

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const config = () => ({
  concurrency: Math.floor(num("HOOKLINE_WORKER_CONCURRENCY", 50)),
  intervalMs: num("HOOKLINE_WORKER_INTERVAL_MS", 1000),
  // The lease must outlast a whole delivery (its timeout) plus the write of its result.
  leaseMs: Math.max(num("HOOKLINE_LEASE_MS", 60_000), deliveryTimeoutMs() + 5_000),
});
const isPostgres = () => dbProvider() === "postgresql";
/** DateTime parameters for raw SQL: PostgreSQL takes a Date, SQLite stores Unix milliseconds. */
const sqlTime = (date: Date | null) => (date === null ? null : isPostgres() ? date : date.getTime());

const FLUSH_SIZE = 200;
const FLUSH_DELAY_MS = 20;
const PURGE_EVERY_MS = 3_600_000;
const PURGE_CHUNK = 1_000;

// ---------------------------------------------------------------------------------------------------------------
// Claiming: one statement per provider, side by side.

const CLAIM_SQL = {
  // SKIP LOCKED: concurrent workers each take different rows instead of queueing on the same ones.
  postgresql: `UPDATE "webhooks" SET "leaseUntil" = $1::timestamp, "leaseOwner" = $2
    WHERE "id" IN (
      SELECT "id" FROM "webhooks"
      WHERE "status" IN ('pending', 'retrying') AND "nextAttemptAt" <= $3::timestamp
        AND ("leaseUntil" IS NULL OR "leaseUntil" < $3::timestamp)
      ORDER BY "nextAttemptAt" LIMIT $4
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "eventId", "endpointId", "attemptCount"`,
  // SQLite has one writer at a time, so the plain statement is already exclusive.
  sqlite: `UPDATE "webhooks" SET "leaseUntil" = ?, "leaseOwner" = ?
    WHERE "id" IN (
      SELECT "id" FROM "webhooks"
      WHERE "status" IN ('pending', 'retrying') AND "nextAttemptAt" <= ?
        AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)
      ORDER BY "nextAttemptAt" LIMIT ?)
    RETURNING "id", "eventId", "endpointId", "attemptCount"`,
};

// One webhook, due or not; a failed one becomes retrying (the dashboard's Retry).
const CLAIM_ONE_SQL = {
  postgresql: `UPDATE "webhooks" SET "leaseUntil" = $1::timestamp, "leaseOwner" = $2, "nextAttemptAt" = $3::timestamp,
      "status" = CASE WHEN "status" = 'failed' THEN 'retrying' ELSE "status" END,
      "failureReason" = NULL, "updatedAt" = $3::timestamp
    WHERE "id" = $4 AND "status" IN ('pending', 'retrying', 'failed') AND ("leaseUntil" IS NULL OR "leaseUntil" < $3::timestamp)
    RETURNING "id", "eventId", "endpointId", "attemptCount"`,
  sqlite: `UPDATE "webhooks" SET "leaseUntil" = ?, "leaseOwner" = ?, "nextAttemptAt" = ?,
      "status" = CASE WHEN "status" = 'failed' THEN 'retrying' ELSE "status" END,
      "failureReason" = NULL, "updatedAt" = ?
    WHERE "id" = ? AND "status" IN ('pending', 'retrying', 'failed') AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)
    RETURNING "id", "eventId", "endpointId", "attemptCount"`,
};

type ClaimRow = { id: string; eventId: string; endpointId: string; attemptCount: number | bigint };
const toClaimed = (rows: ClaimRow[]): ClaimedWebhook[] => rows.map((r) => ({ ...r, attemptCount: Number(r.attemptCount) }));

/** Leases up to `limit` due webhooks to `workerId` for `leaseMs`; no other worker gets them until the lease ends. */
export async function claimDue(limit: number, workerId: string, leaseMs: number, db: Db = getDb()): Promise<ClaimedWebhook[]> {
  if (limit <= 0) return [];
  const now = new Date();
  const until = new Date(now.getTime() + leaseMs);
  const rows = isPostgres()
    ? await db.$queryRawUnsafe<ClaimRow[]>(CLAIM_SQL.postgresql, until, workerId, now, limit)
    : await db.$queryRawUnsafe<ClaimRow[]>(CLAIM_SQL.sqlite, until.getTime(), workerId, now.getTime(), now.getTime(), limit);
  return toClaimed(rows);
}

async function claimOne(id: string, workerId: string, leaseMs: number, db: Db): Promise<ClaimedWebhook | null> {
  const now = new Date();
  const until = new Date(now.getTime() + leaseMs);
  const rows = isPostgres()
    ? await db.$queryRawUnsafe<ClaimRow[]>(CLAIM_ONE_SQL.postgresql, until, workerId, now, id)
    : await db.$queryRawUnsafe<ClaimRow[]>(
        CLAIM_ONE_SQL.sqlite,
        until.getTime(),
        workerId,
        now.getTime(),
        now.getTime(),
        id,
        now.getTime(),
      );
  return toClaimed(rows)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Delivering.

type EndpointRow = {
  id: string;
  url: string;
  signatureAlgo: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: Date | null;
};
type Context = { endpoints: Map<string, EndpointRow>; bodies: Map<string, string> };

/** What became of one claimed webhook: an HTTP attempt, or not sent at all (endpoint disabled or gone). */
type Outcome =
  | { kind: "attempt"; job: ClaimedWebhook; endpoint: EndpointRow; startedAt: Date; result: HttpResult }
  | { kind: "not_sent"; job: ClaimedWebhook; reason: string };

async function loadContext(db: Db, jobs: ClaimedWebhook[]): Promise<Context> {
  const endpointIds = [...new Set(jobs.map((j) => j.endpointId))];
  const eventIds = [...new Set(jobs.map((j) => j.eventId))];
  const endpoints = await db.webhookEndpoint.findMany({
    where: { id: { in: endpointIds } },
    select: {
      id: true,
      url: true,
      signatureAlgo: true,
      secret: true,
      previousSecret: true,
      previousSecretUntil: true,
      enabled: true,
      disabledReason: true,
      consecutiveFailures: true,
      failingSince: true,
    },
  });
  const events = await db.event.findMany({ where: { id: { in: eventIds } }, select: { id: true, body: true } });
  return { endpoints: new Map(endpoints.map((e) => [e.id, e])), bodies: new Map(events.map((e) => [e.id, e.body])) };
}

async function deliverOne(job: ClaimedWebhook, context: Context): Promise<Outcome> {
  const endpoint = context.endpoints.get(job.endpointId);
  if (!endpoint) return { kind: "not_sent", job, reason: "Not sent: the endpoint was deleted." };
  if (!endpoint.enabled) {
    const why = endpoint.disabledReason ? ` (${endpoint.disabledReason})` : "";
    return { kind: "not_sent", job, reason: `Not sent: the endpoint is disabled${why}.` };
  }
  const body = context.bodies.get(job.eventId);
  if (body === undefined) return { kind: "not_sent", job, reason: "Not sent: the event was deleted." };

  const startedAt = new Date();
  const rotating = endpoint.previousSecret && (!endpoint.previousSecretUntil || endpoint.previousSecretUntil > startedAt);
  let result: HttpResult;
  try {
    const headers = await signatureHeaders({
      algo: endpoint.signatureAlgo,
      body,
      webhookId: job.id,
      secret: endpoint.secret,
      previousSecret: rotating ? endpoint.previousSecret : null,
      now: startedAt,
    });
    result = await postWebhook({ url: endpoint.url, body, headers });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, status: null, body: null, truncated: false, durationMs: 0, error: `Not sent: signing failed: ${message}`, retryAfterMs: null };
  }
  return { kind: "attempt", job, endpoint, startedAt, result };
}

// ---------------------------------------------------------------------------------------------------------------
// Recording: what happens on a failed attempt is decided here, in `nextState`.

type NextState = {
  id: string;
  status: "succeeded" | "retrying" | "failed";
  attemptCount: number;
  retries: number;
  lastHttpStatus: number | null;
  lastResponse: string | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  failureReason: string | null;
};

/**
 * The webhook after an attempt: succeeded; retrying after the policy's wait (or the receiver's Retry-After); or
 * failed when this was the last attempt allowed. A manually retried webhook has used up its attempts already,
 * so a failed retry makes it failed again.
 */
function nextState(outcome: Extract<Outcome, { kind: "attempt" }>, now: Date): NextState {
  const { job, result } = outcome;
  const attemptCount = job.attemptCount + 1;
  const base = {
    id: job.id,
    attemptCount,
    retries: attemptCount - 1,
    lastHttpStatus: result.status,
    lastResponse: result.body,
    lastError: result.error,
  };
  if (result.ok) return { ...base, status: "succeeded", nextAttemptAt: null, deliveredAt: now, failureReason: null };
  if (attemptCount >= maxAttempts()) {
    const last = result.error ?? `HTTP ${result.status}`;
    const reason = `Failed after ${attemptCount} attempt${attemptCount === 1 ? "" : "s"}; last: ${last}`;
    return { ...base, status: "failed", nextAttemptAt: null, deliveredAt: null, failureReason: reason };
  }
  const wait = retryDelayMs(attemptCount, { retryAfterMs: result.retryAfterMs });
  return { ...base, status: "retrying", nextAttemptAt: new Date(now.getTime() + wait), deliveredAt: null, failureReason: null };
}

const STATE_COLUMNS = [
  ["id", "text"],
  ["status", "text"],
  ["attemptCount", "int"],
  ["retries", "int"],
  ["lastHttpStatus", "int"],
  ["lastResponse", "text"],
  ["lastError", "text"],
  ["nextAttemptAt", "timestamp"],
  ["deliveredAt", "timestamp"],
  ["failureReason", "text"],
] as const satisfies readonly (readonly [keyof NextState, string])[];

/** One UPDATE for many webhooks, each only if this worker still holds its lease. */
function recordStatement(db: Db, workerId: string, states: NextState[], now: Date) {
  const pg = isPostgres();
  let n = 0;
  const param = (cast: string) => (pg ? `$${++n}::${cast}` : "?");
  const rows = states.map(() => `(${STATE_COLUMNS.map(([, cast]) => param(cast)).join(", ")})`).join(", ");
  const sql = `WITH v(${STATE_COLUMNS.map(([c]) => `"${c}"`).join(", ")}) AS (VALUES ${rows})
    UPDATE "webhooks" SET ${STATE_COLUMNS.slice(1).map(([c]) => `"${c}" = v."${c}"`).join(", ")},
      "leaseUntil" = NULL, "leaseOwner" = NULL, "updatedAt" = ${param("timestamp")}
    FROM v WHERE "webhooks"."id" = v."id" AND "webhooks"."leaseOwner" = ${param("text")}`;
  const values = states.flatMap((s) =>
    STATE_COLUMNS.map(([column]) => {
      const value = s[column];
      return value instanceof Date ? sqlTime(value) : value;
    }),
  );
  return db.$executeRawUnsafe(sql, ...values, sqlTime(now), workerId);
}

/** Endpoint health: the run of failures since the last success (reset by one). updatedAt is left alone on purpose. */
function healthStatements(db: Db, outcomes: Outcome[]) {
  const runs = new Map<string, { endpoint: EndpointRow; sawSuccess: boolean; failures: number; firstFailureAt: Date | null }>();
  for (const outcome of outcomes) {
    if (outcome.kind !== "attempt") continue;
    const run = runs.get(outcome.endpoint.id) ?? { endpoint: outcome.endpoint, sawSuccess: false, failures: 0, firstFailureAt: null };
    if (outcome.result.ok) Object.assign(run, { sawSuccess: true, failures: 0, firstFailureAt: null });
    else Object.assign(run, { failures: run.failures + 1, firstFailureAt: run.firstFailureAt ?? outcome.startedAt });
    runs.set(outcome.endpoint.id, run);
  }
  const pg = isPostgres();
  const statements = [];
  for (const { endpoint, sawSuccess, failures, firstFailureAt } of runs.values()) {
    if (sawSuccess) {
      if (failures === 0 && endpoint.consecutiveFailures === 0 && !endpoint.failingSince) continue;
      statements.push(
        db.$executeRawUnsafe(
          pg
            ? `UPDATE "webhook_endpoints" SET "consecutiveFailures" = $1, "failingSince" = $2::timestamp WHERE "id" = $3`
            : `UPDATE "webhook_endpoints" SET "consecutiveFailures" = ?, "failingSince" = ? WHERE "id" = ?`,
          failures,
          sqlTime(firstFailureAt),
          endpoint.id,
        ),
      );
    } else {
      statements.push(
        db.$executeRawUnsafe(
          pg
            ? `UPDATE "webhook_endpoints" SET "consecutiveFailures" = "consecutiveFailures" + $1, "failingSince" = COALESCE("failingSince", $2::timestamp) WHERE "id" = $3`
            : `UPDATE "webhook_endpoints" SET "consecutiveFailures" = "consecutiveFailures" + ?, "failingSince" = COALESCE("failingSince", ?) WHERE "id" = ?`,
          failures,
          sqlTime(firstFailureAt),
          endpoint.id,
        ),
      );
    }
  }
  return statements;
}

function attemptRow(outcome: Extract<Outcome, { kind: "attempt" }>) {
  const { result } = outcome;
  return {
    webhookId: outcome.job.id,
    startedAt: outcome.startedAt,
    durationMs: result.durationMs,
    statusCode: result.status,
    responseBody: result.body,
    responseTruncated: result.truncated,
    error: result.error,
    succeeded: result.ok,
  };
}

function notSentUpdate(db: Db, workerId: string, outcome: Extract<Outcome, { kind: "not_sent" }>, now: Date) {
  return db.webhook.updateMany({
    where: { id: outcome.job.id, leaseOwner: workerId },
    data: { status: "failed", failureReason: outcome.reason, lastError: outcome.reason, nextAttemptAt: null, leaseUntil: null, leaseOwner: null, updatedAt: now },
  });
}

/**
 * Writes a batch of outcomes: attempt rows, webhook states and endpoint health in one transaction. If the batch
 * is refused (a webhook deleted meanwhile, say), each outcome is written alone so one bad row loses nothing else.
 */
async function writeOutcomes(db: Db, workerId: string, outcomes: Outcome[], stats?: PassStats): Promise<void> {
  const now = new Date();
  const attempts = outcomes.filter((o): o is Extract<Outcome, { kind: "attempt" }> => o.kind === "attempt");
  const notSent = outcomes.filter((o): o is Extract<Outcome, { kind: "not_sent" }> => o.kind === "not_sent");
  const states = attempts.map((o) => nextState(o, now));
  if (stats) {
    for (const s of states) stats[s.status] += 1;
    stats.failed += notSent.length;
  }
  const statementsFor = (part: typeof attempts, partStates: NextState[], partNotSent: typeof notSent) => [
    ...(part.length ? [db.attempt.createMany({ data: part.map(attemptRow) })] : []),
    ...chunk(partStates, 500).map((c) => recordStatement(db, workerId, c, now)),
    ...partNotSent.map((o) => notSentUpdate(db, workerId, o, now)),
    ...healthStatements(db, part),
  ];
  try {
    await db.$transaction(statementsFor(attempts, states, notSent));
  } catch (batchError) {
    console.warn(`[hookline] recording a batch of ${outcomes.length} deliveries failed (${firstLine(batchError)}); recording one by one`);
    const alone = [
      ...attempts.map((o, i) => ({ id: o.job.id, statements: () => statementsFor([o], [states[i]], []) })),
      ...notSent.map((o) => ({ id: o.job.id, statements: () => statementsFor([], [], [o]) })),
    ];
    for (const { id, statements } of alone) {
      await db.$transaction(statements()).catch((error: unknown) => {
        // Typically the webhook was deleted meanwhile (endpoint deleted, purge): nothing is left to record.
        console.warn(`[hookline] could not record the delivery of webhook ${id}: ${firstLine(error)}`);
      });
    }
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split("\n").pop() ?? message;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Collects outcomes and writes them in batches (by count or after a few ms), one write at a time. */
class Recorder {
  private pending: Outcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly workerId: string,
    private readonly stats: PassStats,
  ) {}

  add(outcome: Outcome): void {
    this.pending.push(outcome);
    if (this.pending.length >= FLUSH_SIZE) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length) this.writing = this.writing.then(() => writeOutcomes(this.db, this.workerId, batch, this.stats));
    return this.writing;
  }
}

/** A wake-up that is not lost when it comes while nobody waits. */
class Signal {
  private resolve: (() => void) | null = null;
  private poked = false;

  poke(): void {
    if (this.resolve) this.resolve();
    else this.poked = true;
  }

  wait(ms: number): Promise<void> {
    if (this.poked) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.resolve = null;
        resolve();
      }
      this.resolve = done;
    });
  }
}

let inFlightCount = 0;

/**
 * Claims and delivers until nothing is due (or `idle` says to keep waiting), the deadline passes, or `shouldStop`.
 * Claims only when a quarter of the slots are free, so the database sees batches, not one query per delivery.
 */
async function pump(opts: {
  db: Db;
  workerId: string;
  concurrency: number;
  leaseMs: number;
  deadline: number;
  signal: Signal;
  idle?: () => Promise<void>;
  shouldStop?: () => boolean;
  onClaim?: () => void;
}): Promise<PassStats> {
  const stats: PassStats = { claimed: 0, succeeded: 0, failed: 0, retrying: 0 };
  const recorder = new Recorder(opts.db, opts.workerId, stats);
  const inFlight = new Set<Promise<void>>();
  const refillAt = Math.max(1, Math.floor(opts.concurrency / 4));
  try {
    while (!opts.shouldStop?.() && Date.now() < opts.deadline) {
      const free = opts.concurrency - inFlight.size;
      if (free >= refillAt) {
        const jobs = await claimDue(free, opts.workerId, opts.leaseMs, opts.db);
        opts.onClaim?.();
        stats.claimed += jobs.length;
        if (jobs.length) {
          const context = await loadContext(opts.db, jobs);
          for (const job of jobs) {
            inFlightCount += 1;
            const delivery: Promise<void> = deliverOne(job, context)
              .then((outcome) => recorder.add(outcome))
              .finally(() => {
                inFlightCount -= 1;
                inFlight.delete(delivery);
                opts.signal.poke();
              });
            inFlight.add(delivery);
          }
          continue;
        }
        if (inFlight.size === 0) {
          if (!opts.idle) break;
          await recorder.flush();
          await opts.idle();
          continue;
        }
      }
      // Wait for a free slot, or a wake-up announcing new work.
      await opts.signal.wait(1_000);
    }
  } finally {
    await Promise.all(inFlight);
    await recorder.flush();
  }
  return stats;
}

function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Works through due webhooks for about `budgetMs` (deliveries started in time are finished), for the cron route. */
export async function runDeliveryPass(args: { budgetMs: number; workerId?: string; db?: Db; concurrency?: number }): Promise<PassStats> {
  const { concurrency, leaseMs } = config();
  return pump({
    db: args.db ?? getDb(),
    workerId: args.workerId ?? newWorkerId(),
    concurrency: args.concurrency ?? concurrency,
    leaseMs,
    deadline: Date.now() + args.budgetMs,
    signal: new Signal(),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The in-process loop: one per process.

type LoopState = {
  workerId: string;
  signal: Signal;
  stopping: boolean;
  done: Promise<void>;
  lastPassAt: Date | null;
  lastError: string | null;
  lastPurgeAt: number;
};
const globalForWorker = globalThis as unknown as { hooklineWorker?: LoopState };

export function workerEnabled(): boolean {
  return process.env.HOOKLINE_WORKER !== "off";
}

async function maybePurge(state: LoopState): Promise<void> {
  if (Date.now() - state.lastPurgeAt < PURGE_EVERY_MS) return;
  state.lastPurgeAt = Date.now();
  try {
    await purgeOldWebhooks();
  } catch (error) {
    state.lastError = `Purge failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function runLoop(state: LoopState): Promise<void> {
  const { concurrency, leaseMs, intervalMs } = config();
  while (!state.stopping) {
    try {
      await pump({
        db: getDb(),
        workerId: state.workerId,
        concurrency,
        leaseMs,
        deadline: Number.POSITIVE_INFINITY,
        signal: state.signal,
        shouldStop: () => state.stopping,
        onClaim: () => {
          state.lastPassAt = new Date();
        },
        idle: async () => {
          state.lastError = null;
          await maybePurge(state);
          await state.signal.wait(intervalMs);
        },
      });
    } catch (error) {
      state.lastError = error instanceof Error ? error.message : String(error);
      console.error("[hookline] delivery worker pass failed; trying again", error);
      if (!state.stopping) await state.signal.wait(intervalMs);
    }
  }
}

/** Starts this process's delivery loop (once; a no-op when HOOKLINE_WORKER=off or already running). */
export function startWorker(): void {
  if (!workerEnabled() || globalForWorker.hooklineWorker) return;
  const state: LoopState = {
    workerId: newWorkerId(),
    signal: new Signal(),
    stopping: false,
    done: Promise.resolve(),
    lastPassAt: null,
    lastError: null,
    lastPurgeAt: 0,
  };
  globalForWorker.hooklineWorker = state;
  state.done = runLoop(state);
}

/** Stops the loop after the deliveries in flight are finished and recorded. */
export async function stopWorker(): Promise<void> {
  const state = globalForWorker.hooklineWorker;
  if (!state) return;
  state.stopping = true;
  state.signal.poke();
  await state.done;
  globalForWorker.hooklineWorker = undefined;
}

/** Runs the loop now rather than at its next tick (after an emit or a retry). Concurrent wakes coalesce. */
export function wakeWorker(): void {
  globalForWorker.hooklineWorker?.signal.poke();
}

export function workerStatus(): {
  enabled: boolean;
  running: boolean;
  workerId: string | null;
  lastPassAt: string | null;
  lastError: string | null;
  inFlight: number;
} {
  const state = globalForWorker.hooklineWorker;
  return {
    enabled: workerEnabled(),
    running: Boolean(state && !state.stopping),
    workerId: state?.workerId ?? null,
    lastPassAt: state?.lastPassAt?.toISOString() ?? null,
    lastError: state?.lastError ?? null,
    inFlight: inFlightCount,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Operator actions and housekeeping.

async function refuseRetry(db: Db, id: string): Promise<never> {
  const webhook = await db.webhook.findUnique({ where: { id }, select: { status: true } });
  if (!webhook) throw new UserError("Webhook not found.", "not_found");
  throw new UserError("Only failed webhooks can be retried", "conflict");
}

/** Makes a failed webhook due now (same unique key); the attempt it gets counts as a retry. Wakes the worker. */
export async function retryWebhook(id: string, db: Db = getDb()): Promise<void> {
  const now = new Date();
  const { count } = await db.webhook.updateMany({
    where: { id, status: "failed" },
    data: { status: "retrying", nextAttemptAt: now, failureReason: null, leaseUntil: null, leaseOwner: null },
  });
  if (count === 0) await refuseRetry(db, id);
  wakeWorker();
}

/**
 * Delivers one webhook now and returns it as recorded (the dashboard's Retry waits for the answer). A failed one
 * is retried; a pending or retrying one is sent ahead of its schedule; one that a worker holds is awaited.
 */
export async function deliverNow(id: string, db: Db = getDb()): Promise<Webhook> {
  const { leaseMs } = config();
  const workerId = `${newWorkerId()}:now`;
  const job = await claimOne(id, workerId, leaseMs, db);
  if (!job) {
    const webhook = await db.webhook.findUnique({ where: { id } });
    if (!webhook) throw new UserError("Webhook not found.", "not_found");
    if (webhook.status === "succeeded") throw new UserError("Only failed webhooks can be retried", "conflict");
    // Another worker is sending it at this moment: wait for its result.
    const deadline = Date.now() + leaseMs;
    while (Date.now() < deadline) {
      const current = await db.webhook.findUniqueOrThrow({ where: { id } });
      if (!current.leaseOwner || (current.leaseUntil && current.leaseUntil.getTime() < Date.now())) return current;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return db.webhook.findUniqueOrThrow({ where: { id } });
  }
  inFlightCount += 1;
  try {
    const outcome = await deliverOne(job, await loadContext(db, [job]));
    await writeOutcomes(db, workerId, [outcome]);
  } finally {
    inFlightCount -= 1;
  }
  return db.webhook.findUniqueOrThrow({ where: { id } });
}

/** Deletes webhooks (their attempts cascade) and events older than the retention, a chunk at a time. */
export async function purgeOldWebhooks(
  retentionDays = Number(process.env.HOOKLINE_RETENTION_DAYS ?? 90),
  db: Db = getDb(),
): Promise<{ webhooks: number; events: number }> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
  const purged = { webhooks: 0, events: 0 };
  for (;;) {
    const ids = (await db.webhook.findMany({ where: { createdAt: { lt: cutoff } }, select: { id: true }, take: PURGE_CHUNK })).map((w) => w.id);
    if (!ids.length) break;
    purged.webhooks += (await db.webhook.deleteMany({ where: { id: { in: ids } } })).count;
  }
  for (;;) {
    const ids = (await db.event.findMany({ where: { createdAt: { lt: cutoff } }, select: { id: true }, take: PURGE_CHUNK })).map((e) => e.id);
    if (!ids.length) break;
    purged.events += (await db.event.deleteMany({ where: { id: { in: ids } } })).count;
  }
  return purged;
}
