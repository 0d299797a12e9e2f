import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { dbProvider, getDb, getWorkerDb, type Db } from "@/lib/db/client";
import { execute, queryRows, statement } from "@/lib/db/sql";
import { disableGoneEndpoints, sweepFailingEndpoints } from "./auto-disable";
import { deliveryTimeoutMs, postWebhook, type HttpResult } from "./http";
import { maxAttempts, retryDelayMs } from "./retry-policy";
import { signatureHeaders } from "./signing";

/**
 * The delivery worker: claim due webhooks under a lease, deliver them with bounded concurrency, record each
 * attempt. The in-process loop, the wake-up after an emit and the cron route all run `pump`; the dashboard's
 * Retry (`deliverNow`) shares its `deliverOne` and `writeOutcomes`.
 */

/**
 * A leased webhook as it was when claimed; `manual` when an operator asked for this attempt (it does not count
 * against the schedule). `body` and `endpoint` are there when the claim fetched them in the same statement.
 */
export type ClaimedWebhook = {
  id: string;
  eventId: string;
  endpointId: string;
  attemptCount: number;
  manualAttempts: number;
  status: "pending" | "retrying" | "succeeded" | "failed";
  nextAttemptAt: Date | null;
  manual: boolean;
  body?: string;
  endpoint?: EndpointRow;
};
export type PassStats = { claimed: number; succeeded: number; failed: number; retrying: number };

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
/** Deliveries in flight per worker unless HOOKLINE_WORKER_CONCURRENCY says otherwise. */
export const DEFAULT_CONCURRENCY = 100;
const config = () => ({
  // Read now so that a malformed retry setting stops the worker at once rather than each batch's recording.
  maxAttempts: maxAttempts(),
  concurrency: Math.floor(num("HOOKLINE_WORKER_CONCURRENCY", DEFAULT_CONCURRENCY)),
  // Deliveries one endpoint may have in flight per worker; unset: concurrency / (endpoints busy + 1), so however
  // many endpoints are slow or hanging, a share of the slots is always left for the others.
  endpointConcurrency: process.env.HOOKLINE_ENDPOINT_CONCURRENCY ? Math.floor(num("HOOKLINE_ENDPOINT_CONCURRENCY", 1)) : null,
  intervalMs: num("HOOKLINE_WORKER_INTERVAL_MS", 1000),
  // The lease must outlast a whole delivery (its timeout) plus the write of its result.
  leaseMs: Math.max(num("HOOKLINE_LEASE_MS", 60_000), deliveryTimeoutMs() + 5_000),
});
const isPostgres = () => dbProvider() === "postgresql";

const FLUSH_SIZE = 200;
const CLAIM_GAP_MS = 3;
const FLUSH_DELAY_MS = 20;
const PURGE_EVERY_MS = 3_600_000;
const PURGE_CHUNK = 1_000;

// ---------------------------------------------------------------------------------------------------------------
// Claiming: one statement per provider, side by side, with named parameters (lib/db/sql.ts).

/** What a delivery needs of its endpoint. */
const ENDPOINT_FIELDS = [
  "url",
  "signatureAlgo",
  "secret",
  "previousSecret",
  "previousSecretUntil",
  "enabled",
  "disabledReason",
  "consecutiveFailures",
  "failingSince",
] as const;

// Fair claiming: a batch is dealt round-robin over endpoints (oldest first within each), and an endpoint never gets
// more than its cap of deliveries in flight in this worker, so a slow or hanging endpoint cannot take every slot.
// `:quotas` is a JSON object { endpointId: slots left } for the endpoints that have deliveries in flight here.
// Three sources: pending webhooks, retrying ones whose time has come, and those an operator asked to send now
// (`manualDueAt`: REST retry, bulk replay) that are not due on their schedule anyway.

type ClaimParams = { leaseUntil: Date; owner: string; now: Date; limit: number; quotas: string; cap: number };
/** The columns a claim returns of each webhook. */
const CLAIMED = `"id", "eventId", "endpointId", "attemptCount", "manualAttempts", "status", "nextAttemptAt", "manualDueAt"`;

const sqliteDue = (where: string, order: string) =>
  `SELECT "id", "endpointId", ${order} AS "nextAttemptAt" FROM "webhooks"
      WHERE ${where} AND ("leaseUntil" IS NULL OR "leaseUntil" < :now)
        AND "endpointId" NOT IN (SELECT key FROM json_each(:quotas) WHERE value <= 0)
      ORDER BY ${order} LIMIT :limit`;

const CLAIM = statement<ClaimParams>({
  // Pending webhooks are due from their creation: each endpoint's oldest come from the (endpointId, status,
  // createdAt) index, so a backlog on one endpoint costs the others' claims nothing. Retrying ones are read in
  // nextAttemptAt order from the (status, nextAttemptAt) index, requested ones from the manualDueAt index.
  // SKIP LOCKED: concurrent workers take different rows.
  postgresql: `WITH
      quota AS (SELECT key AS "endpointId", value::int AS "left" FROM json_each_text(:quotas::json)),
      pending AS (
        SELECT w.* FROM "webhook_endpoints" e
        CROSS JOIN LATERAL (
          SELECT "id", "endpointId", "nextAttemptAt" FROM "webhooks"
          WHERE "endpointId" = e."id" AND "status" = 'pending' AND "nextAttemptAt" <= :now::timestamp
            AND ("leaseUntil" IS NULL OR "leaseUntil" < :now::timestamp)
          ORDER BY "createdAt" LIMIT LEAST(:limit, COALESCE((SELECT "left" FROM quota q WHERE q."endpointId" = e."id"), :cap))
          FOR UPDATE SKIP LOCKED) w),
      retrying AS (
        SELECT "id", "endpointId", "nextAttemptAt" FROM "webhooks"
        WHERE "status" = 'retrying' AND "nextAttemptAt" <= :now::timestamp AND ("leaseUntil" IS NULL OR "leaseUntil" < :now::timestamp)
          AND "endpointId" NOT IN (SELECT "endpointId" FROM quota WHERE "left" <= 0)
        ORDER BY "nextAttemptAt" LIMIT :limit FOR UPDATE SKIP LOCKED),
      requested AS (
        SELECT "id", "endpointId", "manualDueAt" AS "nextAttemptAt" FROM "webhooks"
        WHERE "manualDueAt" <= :now::timestamp AND ("status" = 'failed' OR ("status" = 'retrying' AND "nextAttemptAt" > :now::timestamp))
          AND ("leaseUntil" IS NULL OR "leaseUntil" < :now::timestamp)
          AND "endpointId" NOT IN (SELECT "endpointId" FROM quota WHERE "left" <= 0)
        ORDER BY "manualDueAt" LIMIT :limit FOR UPDATE SKIP LOCKED),
      ranked AS (
        SELECT c.*, row_number() OVER (PARTITION BY c."endpointId" ORDER BY c."nextAttemptAt") AS turn
        FROM (SELECT * FROM pending UNION ALL SELECT * FROM retrying UNION ALL SELECT * FROM requested) c),
      pick AS (
        SELECT "id" FROM ranked r
        WHERE r.turn <= COALESCE((SELECT "left" FROM quota q WHERE q."endpointId" = r."endpointId"), :cap)
        ORDER BY r.turn, r."nextAttemptAt" LIMIT :limit),
      claimed AS (
        UPDATE "webhooks" SET "leaseUntil" = :leaseUntil::timestamp, "leaseOwner" = :owner, "leasedAt" = :now::timestamp
        WHERE "id" = ANY(ARRAY(SELECT "id" FROM pick))
        RETURNING ${CLAIMED})
    -- The body and the endpoint come back with the claim: one round trip per batch.
    SELECT c.*, ev."body", ${ENDPOINT_FIELDS.map((f) => `e."${f}"`).join(", ")}
    FROM claimed c LEFT JOIN "events" ev ON ev."id" = c."eventId" LEFT JOIN "webhook_endpoints" e ON e."id" = c."endpointId"`,
  // SQLite has one writer at a time, so the plain statement is already exclusive; endpoints at their cap are
  // skipped in the indexes; body and endpoint (as JSON) come back with the claim.
  sqlite: `UPDATE "webhooks" SET "leaseUntil" = :leaseUntil, "leaseOwner" = :owner, "leasedAt" = :now
    WHERE "id" IN (
      SELECT "id" FROM (
        SELECT c.*, row_number() OVER (PARTITION BY c."endpointId" ORDER BY c."nextAttemptAt") AS turn
        FROM (
          SELECT * FROM (${sqliteDue(`"status" = 'pending' AND "nextAttemptAt" <= :now`, `"nextAttemptAt"`)})
          UNION ALL
          SELECT * FROM (${sqliteDue(`"status" = 'retrying' AND "nextAttemptAt" <= :now`, `"nextAttemptAt"`)})
          UNION ALL
          SELECT * FROM (${sqliteDue(`"manualDueAt" <= :now AND ("status" = 'failed' OR ("status" = 'retrying' AND "nextAttemptAt" > :now))`, `"manualDueAt"`)})
        ) c
      ) r
      WHERE r.turn <= COALESCE((SELECT value FROM json_each(:quotas) WHERE key = r."endpointId"), :cap)
      ORDER BY r.turn, r."nextAttemptAt" LIMIT :limit)
    RETURNING ${CLAIMED},
      (SELECT "body" FROM "events" ev WHERE ev."id" = "webhooks"."eventId") AS "body",
      (SELECT json_object(${ENDPOINT_FIELDS.map((f) => `'${f}', e."${f}"`).join(", ")})
        FROM "webhook_endpoints" e WHERE e."id" = "webhooks"."endpointId") AS "endpointJson"`,
});

/** What an operator may send at once: Retry now when the last attempt failed, Resend when it was delivered. */
export type ManualKind = "retry" | "resend";

// One webhook, due or not, for Retry now / Resend; its status and schedule are left as they are until the result.
const CLAIM_ONE = statement<{ leaseUntil: Date; owner: string; now: Date; id: string; kind: ManualKind }>({
  postgresql: `UPDATE "webhooks" SET "leaseUntil" = :leaseUntil::timestamp, "leaseOwner" = :owner, "leasedAt" = :now::timestamp
    WHERE "id" = :id AND ("leaseUntil" IS NULL OR "leaseUntil" < :now::timestamp)
      AND CASE :kind::text WHEN 'retry' THEN "status" IN ('failed', 'retrying') ELSE "status" = 'succeeded' END
    RETURNING ${CLAIMED}`,
  sqlite: `UPDATE "webhooks" SET "leaseUntil" = :leaseUntil, "leaseOwner" = :owner, "leasedAt" = :now
    WHERE "id" = :id AND ("leaseUntil" IS NULL OR "leaseUntil" < :now)
      AND CASE :kind WHEN 'retry' THEN "status" IN ('failed', 'retrying') ELSE "status" = 'succeeded' END
    RETURNING ${CLAIMED}`,
});

type EndpointColumns = {
  url: string | null;
  signatureAlgo: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | number | null;
  enabled: boolean | number;
  disabledReason: string | null;
  consecutiveFailures: number | bigint;
  failingSince: Date | number | null;
};
type ClaimRow = {
  id: string;
  eventId: string;
  endpointId: string;
  attemptCount: number | bigint;
  manualAttempts: number | bigint;
  status: string;
  nextAttemptAt: Date | number | null;
  manualDueAt: Date | number | null;
  body?: string | null;
  endpointJson?: string | null;
} & Partial<EndpointColumns>;

const toDate = (value: Date | number | null | undefined) => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(value));
const toClaimed = (rows: ClaimRow[], now: Date, forceManual = false): ClaimedWebhook[] =>
  rows.map((row) => {
    const status = row.status as ClaimedWebhook["status"];
    const nextAttemptAt = toDate(row.nextAttemptAt);
    // An attempt the schedule has due now is the schedule's, even if an operator asked for one too.
    const scheduledNow = (status === "pending" || status === "retrying") && nextAttemptAt !== null && nextAttemptAt <= now;
    const job: ClaimedWebhook = {
      id: row.id,
      eventId: row.eventId,
      endpointId: row.endpointId,
      attemptCount: Number(row.attemptCount),
      manualAttempts: Number(row.manualAttempts),
      status,
      nextAttemptAt,
      manual: !scheduledNow && (forceManual || row.manualDueAt !== null),
    };
    if (typeof row.body === "string") job.body = row.body;
    // A claim that read the endpoint carries it (columns on PostgreSQL, JSON on SQLite); none: the endpoint is gone.
    const e: Partial<EndpointColumns> = typeof row.endpointJson === "string" ? (JSON.parse(row.endpointJson) as EndpointColumns) : row;
    if (typeof e.url === "string") {
      job.endpoint = {
        id: row.endpointId,
        url: e.url,
        signatureAlgo: e.signatureAlgo!,
        secret: e.secret!,
        previousSecret: e.previousSecret ?? null,
        previousSecretUntil: toDate(e.previousSecretUntil),
        enabled: Boolean(e.enabled),
        disabledReason: e.disabledReason ?? null,
        consecutiveFailures: Number(e.consecutiveFailures ?? 0),
        failingSince: toDate(e.failingSince),
      };
    }
    return job;
  });

/** How many deliveries each endpoint has in flight in this worker, and how many it may have. */
export type EndpointSlots = { cap: number; busy: ReadonlyMap<string, number> };

/**
 * Leases up to `limit` due webhooks to `workerId` for `leaseMs`; no other worker gets them until the lease ends.
 * The batch is shared fairly between endpoints, none above `slots.cap` deliveries in flight.
 */
export async function claimDue(
  limit: number,
  workerId: string,
  leaseMs: number,
  db: Db = getWorkerDb(),
  slots: EndpointSlots = { cap: limit, busy: new Map() },
): Promise<ClaimedWebhook[]> {
  if (limit <= 0) return [];
  const now = new Date();
  const quotas = JSON.stringify(Object.fromEntries([...slots.busy].map(([id, n]) => [id, Math.max(0, slots.cap - n)])));
  const rows = await queryRows<ClaimRow, ClaimParams>(db, CLAIM, {
    leaseUntil: new Date(now.getTime() + leaseMs),
    owner: workerId,
    now,
    limit,
    quotas,
    cap: slots.cap,
  });
  return toClaimed(rows, now);
}

/** Leases one webhook for an operator's Retry now / Resend, if its status allows and no attempt is in flight. */
export async function claimOne(id: string, kind: ManualKind, workerId: string, leaseMs: number, db: Db): Promise<ClaimedWebhook | null> {
  const now = new Date();
  const rows = await queryRows<ClaimRow, { leaseUntil: Date; owner: string; now: Date; id: string; kind: ManualKind }>(db, CLAIM_ONE, {
    leaseUntil: new Date(now.getTime() + leaseMs),
    owner: workerId,
    now,
    id,
    kind,
  });
  return toClaimed(rows, now, true)[0] ?? null;
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

/** The endpoints and bodies of a batch: those the claim brought, the rest read (two queries at most). */
async function loadContext(db: Db, jobs: ClaimedWebhook[]): Promise<Context> {
  const endpoints = new Map<string, EndpointRow>();
  for (const job of jobs) if (job.endpoint) endpoints.set(job.endpointId, job.endpoint);
  const endpointIds = [...new Set(jobs.map((j) => j.endpointId))].filter((id) => !endpoints.has(id));
  const eventIds = [...new Set(jobs.map((j) => j.eventId))];
  if (endpointIds.length) {
    const rows = await db.webhookEndpoint.findMany({
      where: { id: { in: endpointIds } },
      select: { id: true, ...Object.fromEntries(ENDPOINT_FIELDS.map((f) => [f, true])) } as Record<"id" | (typeof ENDPOINT_FIELDS)[number], true>,
    });
    for (const row of rows) endpoints.set(row.id, row);
  }
  const bodies = new Map<string, string>();
  for (const job of jobs) if (job.body !== undefined) bodies.set(job.eventId, job.body);
  const missing = eventIds.filter((id) => !bodies.has(id));
  if (missing.length) {
    for (const event of await db.event.findMany({ where: { id: { in: missing } }, select: { id: true, body: true } })) {
      bodies.set(event.id, event.body);
    }
  }
  return { endpoints, bodies };
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
  // The old secret signs too only while its overlap lasts; without an end date it is not used at all.
  const rotating = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > startedAt;
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
export function nextState(outcome: Attempted, now: Date, allowed = maxAttempts()): NextState {
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
  if (job.manual && job.status === "retrying") return { ...base, status: "retrying", nextAttemptAt: job.nextAttemptAt, failureReason: null };
  if (job.manual && job.status === "succeeded") {
    return { ...base, status: "failed", nextAttemptAt: null, failureReason: `Resent by an operator; the resend failed: ${last}` };
  }
  const scheduled = attemptCount - manualAttempts;
  if (job.manual || scheduled >= allowed) {
    const reason = `Failed after ${attemptCount} attempt${attemptCount === 1 ? "" : "s"}; last: ${last}`;
    return { ...base, status: "failed", nextAttemptAt: null, failureReason: reason };
  }
  const wait = retryDelayMs(scheduled, { retryAfterMs: result.retryAfterMs });
  return { ...base, status: "retrying", nextAttemptAt: new Date(now.getTime() + wait), failureReason: null };
}

// Recording statements take their rows as one JSON parameter: the SQL text is the same for any batch size, and a
// batch is one statement on PostgreSQL (data-modifying CTEs), one short transaction on SQLite.
type Column = readonly [name: string, type: "text" | "int" | "boolean" | "timestamp"];
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
const sqliteRows = (param: string, columns: readonly Column[]) => `SELECT ${columns.map(([c]) => `value ->> '${c}' AS "${c}"`).join(", ")} FROM json_each(${param})`;
// The lease and any operator's request end with the attempt (a request made while it was in flight is answered by it).
const setFrom = (w: string, alias: string) =>
  STATE_COLUMNS.slice(1)
    .map(([c]) => (c === "deliveredAt" ? `"${c}" = COALESCE(${alias}."${c}", ${w}"${c}")` : `"${c}" = ${alias}."${c}"`))
    .concat(`"leaseUntil" = NULL`, `"leaseOwner" = NULL`, `"leasedAt" = NULL`, `"manualDueAt" = NULL`)
    .join(", ");

// A success resets the endpoint's run of failures; failures extend it (failingSince keeps its start).
const HEALTH_SET = (e: string) => `"consecutiveFailures" = CASE WHEN h."reset" THEN h."failures" ELSE ${e}"consecutiveFailures" + h."failures" END,
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
    attempts: statement<{ attempts: string }>(`INSERT INTO "attempts" (${names(ATTEMPT_COLUMNS)}) ${sqliteRows(":attempts", ATTEMPT_COLUMNS)}`),
    states: statement<{ states: string; now: Date; owner: string }>(`WITH s AS (${sqliteRows(":states", STATE_COLUMNS)})
      UPDATE "webhooks" SET ${setFrom(`"webhooks".`, "s")}, "updatedAt" = :now
      FROM s WHERE "webhooks"."id" = s."id" AND "webhooks"."id" IN (SELECT "id" FROM s) AND "webhooks"."leaseOwner" = :owner`),
    health: statement<{ health: string }>(
      `UPDATE "webhook_endpoints" SET ${HEALTH_SET("")} FROM (${sqliteRows(":health", HEALTH_COLUMNS)}) AS h WHERE "webhook_endpoints"."id" = h."id"`,
    ),
  },
};

type Attempted = Extract<Outcome, { kind: "attempt" }>;
type NotSent = Extract<Outcome, { kind: "not_sent" }>;

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
    .filter((run) => !(run.reset && run.failures === 0 && run.endpoint.consecutiveFailures === 0 && !run.endpoint.failingSince))
    .map(({ endpoint, reset, failures, since }) => ({ id: endpoint.id, reset, failures, since }));
}

function attemptRow({ job, startedAt, result }: Attempted) {
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
  };
}

/** Rows as the JSON parameter: dates as ISO text (PostgreSQL) or Unix milliseconds (SQLite). */
function json(rows: object[]): string {
  const pg = isPostgres();
  // Rows are flat: one pass per row, not a replacer called for every value (three times the work).
  return JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? (pg ? value.toISOString() : value.getTime()) : value;
      return out;
    }),
  );
}

function recordStatements(db: Db, workerId: string, attempted: Attempted[], states: NextState[], now: Date) {
  if (!attempted.length) return [];
  const attempts = json(attempted.map(attemptRow));
  const health = healthRows(attempted);
  if (isPostgres()) return [execute(db, RECORD.postgresql, { states: json(states), attempts, health: json(health), now, owner: workerId })];
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
async function writeOutcomes(db: Db, workerId: string, outcomes: Outcome[], stats?: PassStats): Promise<void> {
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
  const run = (statements: ReturnType<typeof statementsFor>) => (statements.length === 1 ? statements[0] : db.$transaction(statements));
  try {
    await run(statementsFor(attempted, states, notSent));
  } catch (batchError) {
    console.warn(`[hookline] recording a batch of ${outcomes.length} deliveries failed (${shortMessage(batchError)}); recording one by one`);
    const alone = [
      ...attempted.map((o, i) => ({ id: o.job.id, statements: () => statementsFor([o], [states[i]], []) })),
      ...notSent.map((o) => ({ id: o.job.id, statements: () => statementsFor([], [], [o]) })),
    ];
    for (const { id, statements } of alone) {
      await Promise.resolve(run(statements())).catch((error: unknown) => {
        // Typically the webhook was deleted meanwhile (endpoint deleted, purge): nothing is left to record.
        console.warn(`[hookline] could not record the delivery of webhook ${id}: ${shortMessage(error)}`);
      });
    }
  }
  // Auto-disable hook (auto-disable.ts): an endpoint that answered 410 Gone is disabled; no query without one.
  await disableGoneEndpoints(attempted.filter((o) => o.result.status === 410).map((o) => o.endpoint.id), now, db);
}

/**
 * A UUIDv7 (time-ordered, like the ids Prisma generates), for rows inserted with raw SQL: the millisecond, then
 * the random bits of a v4 UUID (randomUUID draws from a cached pool; randomBytes(16) is a call into OpenSSL each).
 */
export function uuidv7(ms = Date.now()): string {
  const time = ms.toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split("\n").pop() ?? message;
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
    if (batch.length) {
      this.writing = this.writing
        .then(() => writeOutcomes(this.db, this.workerId, batch, this.stats))
        // Unrecorded webhooks keep their lease and are sent again when it ends: late, never lost.
        .catch((error: unknown) => console.error("[hookline] could not record a batch of deliveries", error));
    }
    return this.writing;
  }
}

/**
 * A wake-up that is not lost when it comes while nobody waits. A poke announces new work (an emit, a retry) or,
 * with `work = false`, only a freed slot; `wait` says whether work was announced or the wait timed out.
 */
class Signal {
  private resolve: (() => void) | null = null;
  private poked = false;
  private work = false;

  poke(work = true): void {
    if (work) this.work = true;
    if (this.resolve) this.resolve();
    else this.poked = true;
  }

  async wait(ms: number): Promise<boolean> {
    let timedOut = false;
    if (this.poked) this.poked = false;
    else {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timedOut = true;
          done();
        }, ms);
        const self = this;
        function done() {
          clearTimeout(timer);
          self.resolve = null;
          resolve();
        }
        this.resolve = done;
      });
    }
    const work = this.work || timedOut;
    this.work = false;
    return work;
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
  endpointConcurrency: number | null;
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
  // Deliveries in flight per endpoint: the claim gives an endpoint at most its cap at a time.
  const busy = new Map<string, number>();
  const capNow = () => opts.endpointConcurrency ?? Math.max(1, Math.floor(opts.concurrency / (busy.size + 1)));
  const refillAt = Math.max(1, Math.floor(opts.concurrency / 4));
  // A claim that found less than it asked for has drained the queue: the next one waits for new work (or the
  // one-second tick), and comes at least CLAIM_GAP_MS after it, so a stream of emits is claimed in batches.
  let drained = false;
  let lastClaimAt = 0;
  try {
    while (!opts.shouldStop?.() && Date.now() < opts.deadline) {
      const free = opts.concurrency - inFlight.size;
      if (free >= refillAt && (!drained || inFlight.size === 0)) {
        const gap = lastClaimAt + CLAIM_GAP_MS - Date.now();
        if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
        lastClaimAt = Date.now();
        const cap = capNow();
        // With an endpoint at its cap, a short batch says nothing about the queue: its webhooks may be waiting.
        const capped = [...busy.values()].some((n) => n >= cap);
        const jobs = await claimDue(free, opts.workerId, opts.leaseMs, opts.db, { cap, busy });
        drained = jobs.length < free && !capped;
        opts.onClaim?.();
        stats.claimed += jobs.length;
        if (jobs.length) {
          const context = await loadContext(opts.db, jobs);
          for (const job of jobs) {
            inFlightCount += 1;
            busy.set(job.endpointId, (busy.get(job.endpointId) ?? 0) + 1);
            const delivery: Promise<void> = deliverOne(job, context)
              .then((outcome) => recorder.add(outcome))
              .finally(() => {
                inFlightCount -= 1;
                const before = busy.get(job.endpointId) ?? 1;
                // A slot freed on an endpoint at its cap may unblock its queued webhooks: that counts as new work.
                const wasCapped = before >= capNow();
                if (before > 1) busy.set(job.endpointId, before - 1);
                else busy.delete(job.endpointId);
                inFlight.delete(delivery);
                opts.signal.poke(wasCapped);
              });
            inFlight.add(delivery);
          }
          continue;
        }
        if (inFlight.size === 0) {
          if (capped) continue;
          if (!opts.idle) break;
          await recorder.flush();
          await opts.idle();
          drained = false;
          continue;
        }
      }
      // Wait for a free slot, or a wake-up announcing new work.
      if (await opts.signal.wait(1_000)) drained = false;
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
  const { concurrency, endpointConcurrency, leaseMs } = config();
  return pump({
    db: args.db ?? getWorkerDb(),
    workerId: args.workerId ?? newWorkerId(),
    concurrency: args.concurrency ?? concurrency,
    endpointConcurrency,
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

async function runLoop(state: LoopState, { concurrency, endpointConcurrency, leaseMs, intervalMs }: ReturnType<typeof config>): Promise<void> {
  let failures = 0;
  while (!state.stopping) {
    try {
      await pump({
        db: getWorkerDb(),
        workerId: state.workerId,
        concurrency,
        endpointConcurrency,
        leaseMs,
        deadline: Number.POSITIVE_INFINITY,
        signal: state.signal,
        shouldStop: () => state.stopping,
        onClaim: () => {
          failures = 0;
          state.lastPassAt = new Date();
          // Auto-disable hook (auto-disable.ts): the sustained-failure sweep, at most once a minute, never throws.
          void sweepFailingEndpoints();
        },
        idle: async () => {
          state.lastError = null;
          await maybePurge(state);
          await state.signal.wait(intervalMs);
        },
      });
    } catch (error) {
      failures += 1;
      state.lastError = error instanceof Error ? error.message : String(error);
      // An outage must not flood the log: the first failure with its stack, then one line each, backing off to 5 s.
      if (failures === 1) console.error("[hookline] delivery worker pass failed; trying again", error);
      else console.error(`[hookline] delivery worker pass failed (${failures} in a row): ${shortMessage(error)}; trying again`);
      if (!state.stopping) await state.signal.wait(Math.min(intervalMs * 2 ** Math.min(failures - 1, 6), 5_000));
    }
  }
}

/**
 * Starts this process's delivery loop (once; a no-op when HOOKLINE_WORKER=off or already running). Throws at once
 * on a malformed setting (HOOKLINE_RETRY_SCHEDULE, say), so the server does not start without its worker.
 */
export function startWorker(): void {
  if (!workerEnabled() || globalForWorker.hooklineWorker) return;
  const settings = config();
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
  state.done = runLoop(state, settings);
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

/**
 * Sends one webhook an operator claimed (`claimOne`) and records the attempt, counted among this process's deliveries
 * in flight. Retry now and Resend (retry.ts) wait for it, so the operator sees the result.
 */
export async function sendClaimed(job: ClaimedWebhook, workerId: string, db: Db): Promise<void> {
  inFlightCount += 1;
  try {
    const outcome = await deliverOne(job, await loadContext(db, [job]));
    await writeOutcomes(db, workerId, [outcome]);
  } finally {
    inFlightCount -= 1;
  }
}

/** The lease an operator's attempt takes, and an owner name that says whose it is. */
export function manualLease(): { leaseMs: number; workerId: string } {
  return { leaseMs: config().leaseMs, workerId: `${newWorkerId()}:operator` };
}

/** Deletes webhooks (their attempts cascade) and events older than the retention, a chunk at a time. */
export async function purgeOldWebhooks(
  retentionDays = num("HOOKLINE_RETENTION_DAYS", 90),
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
