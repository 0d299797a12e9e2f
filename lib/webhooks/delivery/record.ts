import { dbProvider, type Db } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/ids";
import { execute, statement } from "@/lib/db/sql";
import { logger } from "@/lib/observability/logger";
import { observeOutcomes } from "@/lib/observability/deliveries";
import { disableGoneEndpoints } from "../auto-disable";
import { currentPolicy, retryDelayMs, type RetryPolicy } from "../retry-policy";
import type { EndpointRow } from "./claim";
import type { Attempted, NotSent, Outcome } from "./deliver";

/**
 * Phase three of a delivery: record. `nextState` decides what an attempt makes of its webhook (the retry
 * arithmetic, a pure function); `writeOutcomes` writes a batch of outcomes (attempt rows, webhook states, endpoint
 * health) while the lease is still ours; `Recorder` batches the outcomes of a pass.
 */

/** What a pass did, by the status each webhook was left in. */
export type PassStats = { claimed: number; succeeded: number; failed: number; retrying: number };

const FLUSH_SIZE = 200;
const FLUSH_DELAY_MS = 20;
const isPostgres = () => dbProvider() === "postgresql";

export type NextState = {
  id: string;
  status: "succeeded" | "retrying" | "failed";
  attemptCount: number;
  retries: number;
  manualAttempts: number;
  lastHttpStatus: number | null;
  lastResponse: string | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  failureReason: string | null;
};

/**
 * The webhook after an attempt: succeeded; retrying after the policy's wait (or the receiver's Retry-After); or
 * failed when this was the last attempt allowed. Only the schedule's attempts count against the policy: an attempt
 * an operator asked for that fails leaves a retrying webhook's remaining attempts and next time as they were, and
 * any other webhook failed.
 */
export function nextState(
  outcome: Attempted,
  now: Date,
  policy: RetryPolicy = currentPolicy(),
  random: () => number = Math.random,
): NextState {
  const { job, result } = outcome;
  const attemptCount = job.attemptCount + 1;
  const manualAttempts = job.manualAttempts + (job.manual ? 1 : 0);
  const base = {
    id: job.id,
    attemptCount,
    retries: attemptCount - 1,
    manualAttempts,
    lastHttpStatus: result.status,
    lastResponse: result.body,
    lastError: result.error,
    // null keeps the time of an earlier delivery (a failed Resend does not erase it).
    deliveredAt: null,
  };
  if (result.ok) return { ...base, status: "succeeded", nextAttemptAt: null, deliveredAt: now, failureReason: null };
  const last = result.error ?? `HTTP ${result.status}`;
  if (job.manual && job.status === "retrying")
    return { ...base, status: "retrying", nextAttemptAt: job.nextAttemptAt, failureReason: null };
  if (job.manual && job.status === "succeeded") {
    return {
      ...base,
      status: "failed",
      nextAttemptAt: null,
      failureReason: `Resent by an operator; the resend failed: ${last}`,
    };
  }
  const scheduled = attemptCount - manualAttempts;
  if (job.manual || scheduled >= policy.maxAttempts) {
    const reason = `Failed after ${attemptCount} attempt${attemptCount === 1 ? "" : "s"}; last: ${last}`;
    return { ...base, status: "failed", nextAttemptAt: null, failureReason: reason };
  }
  const wait = retryDelayMs(scheduled, { retryAfterMs: result.retryAfterMs, policy, random });
  return { ...base, status: "retrying", nextAttemptAt: new Date(now.getTime() + wait), failureReason: null };
}

// Recording statements take their rows as one JSON parameter: the SQL text is the same for any batch size, and a
// batch is one statement on PostgreSQL (data-modifying CTEs), one short transaction on SQLite.
type Column = readonly [name: string, type: "text" | "int" | "boolean" | "timestamp" | "jsonb"];
const STATE_COLUMNS = [
  ["id", "text"],
  ["status", "text"],
  ["attemptCount", "int"],
  ["retries", "int"],
  ["manualAttempts", "int"],
  ["lastHttpStatus", "int"],
  ["lastResponse", "text"],
  ["lastError", "text"],
  ["nextAttemptAt", "timestamp"],
  ["deliveredAt", "timestamp"],
  ["failureReason", "text"],
] as const satisfies readonly (readonly [keyof NextState, Column[1]])[];
const ATTEMPT_COLUMNS = [
  ["id", "text"],
  ["webhookId", "text"],
  ["startedAt", "timestamp"],
  ["durationMs", "int"],
  ["statusCode", "int"],
  ["responseBody", "text"],
  ["responseTruncated", "boolean"],
  ["error", "text"],
  ["succeeded", "boolean"],
  ["manual", "boolean"],
  ["requestUrl", "text"],
  ["requestHeaders", "jsonb"],
  ["responseHeaders", "jsonb"],
  ["responseHeadersTruncated", "boolean"],
] as const satisfies readonly Column[];
const HEALTH_COLUMNS = [
  ["id", "text"],
  ["reset", "boolean"],
  ["failures", "int"],
  ["since", "timestamp"],
] as const satisfies readonly Column[];

const names = (columns: readonly Column[]) => columns.map(([c]) => `"${c}"`).join(", ");
const pgRecordset = (param: string, alias: string, columns: readonly Column[]) =>
  `json_to_recordset(${param}::json) AS ${alias}(${columns.map(([c, t]) => `"${c}" ${t}`).join(", ")})`;
const sqliteRows = (param: string, columns: readonly Column[]) =>
  `SELECT ${columns.map(([c]) => `value ->> '${c}' AS "${c}"`).join(", ")} FROM json_each(${param})`;
// The lease and any operator's request end with the attempt (a request made while it was in flight is answered by it).
const setFrom = (w: string, alias: string) =>
  STATE_COLUMNS.slice(1)
    .map(([c]) => (c === "deliveredAt" ? `"${c}" = COALESCE(${alias}."${c}", ${w}"${c}")` : `"${c}" = ${alias}."${c}"`))
    .concat(`"leaseUntil" = NULL`, `"leaseOwner" = NULL`, `"leasedAt" = NULL`, `"manualDueAt" = NULL`)
    .join(", ");

// A success resets the endpoint's run of failures; failures extend it (failingSince keeps its start).
const HEALTH_SET = (
  e: string,
) => `"consecutiveFailures" = CASE WHEN h."reset" THEN h."failures" ELSE ${e}"consecutiveFailures" + h."failures" END,
      "failingSince" = CASE WHEN h."reset" THEN h."since" ELSE COALESCE(${e}"failingSince", h."since") END`;

// Each webhook is updated only while this worker holds its lease; `id = ANY/IN` makes it a primary-key lookup.
// Each takes its rows as one JSON text: `:states`, `:attempts`, `:health`.
const RECORD = {
  postgresql: statement<{ states: string; attempts: string; health: string; now: Date; owner: string }>(`WITH
      s AS (SELECT * FROM ${pgRecordset(":states", "s", STATE_COLUMNS)}),
      a AS (INSERT INTO "attempts" (${names(ATTEMPT_COLUMNS)}) SELECT * FROM ${pgRecordset(":attempts", "a", ATTEMPT_COLUMNS)}),
      h AS (UPDATE "webhook_endpoints" AS e SET ${HEALTH_SET("e.")} FROM ${pgRecordset(":health", "h", HEALTH_COLUMNS)} WHERE e."id" = h."id")
    UPDATE "webhooks" AS w SET ${setFrom("w.", "s")}, "updatedAt" = :now::timestamp
    FROM s WHERE w."id" = s."id" AND w."id" = ANY(ARRAY(SELECT "id" FROM s)) AND w."leaseOwner" = :owner`),
  sqlite: {
    attempts: statement<{ attempts: string }>(
      `INSERT INTO "attempts" (${names(ATTEMPT_COLUMNS)}) ${sqliteRows(":attempts", ATTEMPT_COLUMNS)}`,
    ),
    states: statement<{ states: string; now: Date; owner: string }>(`WITH s AS (${sqliteRows(":states", STATE_COLUMNS)})
      UPDATE "webhooks" SET ${setFrom(`"webhooks".`, "s")}, "updatedAt" = :now
      FROM s WHERE "webhooks"."id" = s."id" AND "webhooks"."id" IN (SELECT "id" FROM s) AND "webhooks"."leaseOwner" = :owner`),
    health: statement<{ health: string }>(
      `UPDATE "webhook_endpoints" SET ${HEALTH_SET("")} FROM (${sqliteRows(":health", HEALTH_COLUMNS)}) AS h WHERE "webhook_endpoints"."id" = h."id"`,
    ),
  },
};

/** Endpoint health from a batch, in the order results came in. */
function healthRows(outcomes: Attempted[]) {
  const runs = new Map<string, { endpoint: EndpointRow; reset: boolean; failures: number; since: Date | null }>();
  for (const { endpoint, result, startedAt } of outcomes) {
    const run = runs.get(endpoint.id) ?? { endpoint, reset: false, failures: 0, since: null };
    if (result.ok) Object.assign(run, { reset: true, failures: 0, since: null });
    else Object.assign(run, { failures: run.failures + 1, since: run.since ?? startedAt });
    runs.set(endpoint.id, run);
  }
  return [...runs.values()]
    .filter(
      (run) =>
        !(run.reset && run.failures === 0 && run.endpoint.consecutiveFailures === 0 && !run.endpoint.failingSince),
    )
    .map(({ endpoint, reset, failures, since }) => ({ id: endpoint.id, reset, failures, since }));
}

function attemptRow({ job, endpoint, startedAt, result }: Attempted) {
  return {
    id: uuidv7(startedAt.getTime()),
    webhookId: job.id,
    startedAt,
    durationMs: result.durationMs,
    statusCode: result.status,
    responseBody: result.body,
    responseTruncated: result.truncated,
    error: result.error,
    succeeded: result.ok,
    manual: job.manual,
    // The request as sent, for the detail and "Copy as curl"; the body is the event's, identical on every attempt.
    requestUrl: endpoint.url,
    requestHeaders: result.requestHeaders,
    responseHeaders: result.responseHeaders,
    responseHeadersTruncated: result.responseHeadersTruncated,
  };
}

/** Rows as the JSON parameter: dates as ISO text (PostgreSQL) or Unix milliseconds (SQLite). */
function json(rows: object[]): string {
  const pg = isPostgres();
  // Rows are flat: one pass per row, not a replacer called for every value (three times the work).
  return JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row))
        out[key] = value instanceof Date ? (pg ? value.toISOString() : value.getTime()) : value;
      return out;
    }),
  );
}

function recordStatements(db: Db, workerId: string, attempted: Attempted[], states: NextState[], now: Date) {
  if (!attempted.length) return [];
  const attempts = json(attempted.map(attemptRow));
  const health = healthRows(attempted);
  if (isPostgres())
    return [
      execute(db, RECORD.postgresql, { states: json(states), attempts, health: json(health), now, owner: workerId }),
    ];
  return [
    execute(db, RECORD.sqlite.attempts, { attempts }),
    execute(db, RECORD.sqlite.states, { states: json(states), now, owner: workerId }),
    ...(health.length ? [execute(db, RECORD.sqlite.health, { health: json(health) })] : []),
  ];
}

function notSentUpdate(db: Db, workerId: string, outcome: NotSent, now: Date) {
  return db.webhook.updateMany({
    where: { id: outcome.job.id, leaseOwner: workerId },
    data: {
      status: "failed",
      failureReason: outcome.reason,
      lastError: outcome.reason,
      nextAttemptAt: null,
      manualDueAt: null,
      leaseUntil: null,
      leaseOwner: null,
      leasedAt: null,
      updatedAt: now,
    },
  });
}

/**
 * Writes a batch of outcomes: attempt rows, webhook states and endpoint health together. If the batch is refused
 * (a webhook deleted meanwhile, say), each outcome is written alone so one bad row loses nothing else.
 */
export async function writeOutcomes(db: Db, workerId: string, outcomes: Outcome[], stats?: PassStats): Promise<void> {
  const now = new Date();
  const attempted = outcomes.filter((o): o is Attempted => o.kind === "attempt");
  const notSent = outcomes.filter((o): o is NotSent => o.kind === "not_sent");
  const states = attempted.map((o) => nextState(o, now));
  if (stats) {
    for (const state of states) stats[state.status] += 1;
    stats.failed += notSent.length;
  }
  const statementsFor = (part: Attempted[], partStates: NextState[], partNotSent: NotSent[]) => [
    ...recordStatements(db, workerId, part, partStates, now),
    ...partNotSent.map((o) => notSentUpdate(db, workerId, o, now)),
  ];
  // One statement is atomic by itself; a transaction around it would only add two round trips.
  const run = (statements: ReturnType<typeof statementsFor>) =>
    statements.length === 1 ? statements[0] : db.$transaction(statements);
  try {
    await run(statementsFor(attempted, states, notSent));
  } catch (batchError) {
    logger().warn(
      { deliveries: outcomes.length, error: shortMessage(batchError) },
      "recording a batch of deliveries failed; recording one by one",
    );
    const alone = [
      ...attempted.map((o, i) => ({ id: o.job.id, statements: () => statementsFor([o], [states[i]], []) })),
      ...notSent.map((o) => ({ id: o.job.id, statements: () => statementsFor([], [], [o]) })),
    ];
    for (const { id, statements } of alone) {
      await Promise.resolve(run(statements())).catch((error: unknown) => {
        // Typically the webhook was deleted meanwhile (endpoint deleted, purge): nothing is left to record.
        logger().warn({ webhookId: id, error: shortMessage(error) }, "could not record a delivery");
      });
    }
  }
  // Observability hook: metrics and log lines of what was just recorded.
  observeOutcomes(attempted, states, notSent);
  // Auto-disable hook (auto-disable.ts): an endpoint that answered 410 Gone is disabled; no query without one.
  await disableGoneEndpoints(
    attempted.filter((o) => o.result.status === 410).map((o) => o.endpoint.id),
    now,
    db,
  );
}

export function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split("\n").pop() ?? message;
}

/** Collects outcomes and writes them in batches (by count or after a few ms), one write at a time. */
export class Recorder {
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
    if (batch.length) {
      this.writing = this.writing
        .then(() => writeOutcomes(this.db, this.workerId, batch, this.stats))
        // Unrecorded webhooks keep their lease and are sent again when it ends: late, never lost.
        .catch((error: unknown) => logger().error({ err: error }, "could not record a batch of deliveries"));
    }
    return this.writing;
  }
}
