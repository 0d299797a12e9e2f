import { getWorkerDb, type Db } from "@/lib/db/client";
import { queryRows, statement } from "@/lib/db/sql";
import type { WebhookStatus } from "../queries";

/**
 * Phase one of a delivery: claim. One statement leases a batch of due webhooks to a worker (leaseUntil, leaseOwner,
 * leasedAt) and returns each with its body and endpoint; nobody else sends them until the lease ends. `claimOne`
 * leases a single webhook for an operator's Retry now / Resend.
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
  status: WebhookStatus;
  nextAttemptAt: Date | null;
  manual: boolean;
  /** The accepting span's traceparent (tracing): this attempt's span is its child. */
  traceContext?: string | null;
  body?: string;
  endpoint?: EndpointRow;
};

/** What a delivery needs of its endpoint. */
export type EndpointRow = {
  id: string;
  organizationId: string;
  sendTraceparent: boolean;
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

/** Whether an attempt is in flight: a worker (or an operator's Retry now) holds the webhook's lease. */
export function isInFlight(row: { leaseOwner: string | null; leaseUntil: Date | null }, now = new Date()): boolean {
  return row.leaseOwner !== null && row.leaseUntil !== null && row.leaseUntil > now;
}

/** The endpoint columns a claim returns. */
export const ENDPOINT_FIELDS = [
  "organizationId",
  "sendTraceparent",
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
const CLAIMED = `"id", "eventId", "endpointId", "attemptCount", "manualAttempts", "status", "nextAttemptAt", "manualDueAt", "traceContext"`;

const sqliteDue = (where: string, order: string) =>
  `SELECT "id", "endpointId", ${order} AS "nextAttemptAt" FROM "webhooks"
      WHERE ${where} AND ("leaseUntil" IS NULL OR "leaseUntil" < :now)
        AND "endpointId" NOT IN (SELECT key FROM json_each(:quotas) WHERE value <= 0)
      ORDER BY ${order} LIMIT :limit`;

// Unary + keeps SQLite on the manualDueAt index: otherwise it ORs two scans of (status, nextAttemptAt) over every
// failed and retrying webhook (measured: a claim went from 8 to 53 ms at 40,000 webhooks).
const REQUESTED_SQLITE = `"manualDueAt" <= :now AND (+"status" = 'failed' OR (+"status" = 'retrying' AND +"nextAttemptAt" > :now))`;

const CLAIM = statement<ClaimParams, ClaimRow>({
  // Pending webhooks are due from their creation (nextAttemptAt is then createdAt): each endpoint's oldest come from
  // the partial index of pending rows, (endpointId, nextAttemptAt), so a backlog on one endpoint costs the others'
  // claims nothing. Ordering by createdAt let the planner walk an endpoint's whole history instead. Retrying ones are read in
  // nextAttemptAt order from the (status, nextAttemptAt) index, requested ones from the manualDueAt index.
  // SKIP LOCKED: concurrent workers take different rows.
  // Only endpoints with pending webhooks are visited: `busy` walks the same partial index from one endpoint id to the
  // next (a loose index scan, one descent per endpoint), so idle endpoints cost a claim nothing (measured: 2,000 idle
  // endpoints took a claim of 100 from 3.5 to 6.7 ms when every endpoint was probed; 3.7 ms with this walk).
  postgresql: `WITH RECURSIVE
      busy AS (
        (SELECT "endpointId" AS "id" FROM "webhooks" WHERE "status" = 'pending' ORDER BY "endpointId" LIMIT 1)
        UNION ALL
        SELECT (SELECT "endpointId" FROM "webhooks" WHERE "status" = 'pending' AND "endpointId" > b."id" ORDER BY "endpointId" LIMIT 1)
        FROM busy b WHERE b."id" IS NOT NULL),
      quota AS (SELECT key AS "endpointId", value::int AS "left" FROM json_each_text(:quotas::json)),
      pending AS (
        SELECT w.* FROM busy e
        CROSS JOIN LATERAL (
          SELECT "id", "endpointId", "nextAttemptAt" FROM "webhooks"
          WHERE "endpointId" = e."id" AND "status" = 'pending' AND "nextAttemptAt" <= :now::timestamp
            AND ("leaseUntil" IS NULL OR "leaseUntil" < :now::timestamp)
          ORDER BY "nextAttemptAt" LIMIT LEAST(:limit, COALESCE((SELECT "left" FROM quota q WHERE q."endpointId" = e."id"), :cap))
          FOR UPDATE SKIP LOCKED) w
        WHERE e."id" IS NOT NULL),
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
          SELECT * FROM (${sqliteDue(REQUESTED_SQLITE, `"manualDueAt"`)})
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
const CLAIM_ONE = statement<{ leaseUntil: Date; owner: string; now: Date; id: string; kind: ManualKind }, ClaimRow>({
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
  organizationId: string;
  sendTraceparent: boolean | number;
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
  traceContext?: string | null;
  body?: string | null;
  endpointJson?: string | null;
} & Partial<EndpointColumns>;

const toDate = (value: Date | number | null | undefined) =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);
const toClaimed = (rows: ClaimRow[], now: Date, forceManual = false): ClaimedWebhook[] =>
  rows.map((row) => {
    const status = row.status as WebhookStatus;
    const nextAttemptAt = toDate(row.nextAttemptAt);
    // An attempt the schedule has due now is the schedule's, even if an operator asked for one too.
    const scheduledNow =
      (status === "pending" || status === "retrying") && nextAttemptAt !== null && nextAttemptAt <= now;
    const job: ClaimedWebhook = {
      id: row.id,
      eventId: row.eventId,
      endpointId: row.endpointId,
      attemptCount: Number(row.attemptCount),
      manualAttempts: Number(row.manualAttempts),
      status,
      nextAttemptAt,
      manual: !scheduledNow && (forceManual || row.manualDueAt !== null),
      traceContext: row.traceContext ?? null,
    };
    if (typeof row.body === "string") job.body = row.body;
    // A claim that read the endpoint carries it (columns on PostgreSQL, JSON on SQLite); none: the endpoint is gone.
    const e: Partial<EndpointColumns> =
      typeof row.endpointJson === "string" ? (JSON.parse(row.endpointJson) as EndpointColumns) : row;
    if (typeof e.url === "string") {
      job.endpoint = {
        id: row.endpointId,
        organizationId: e.organizationId!,
        sendTraceparent: Boolean(e.sendTraceparent),
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
  const rows = await queryRows(db, CLAIM, {
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
export async function claimOne(
  id: string,
  kind: ManualKind,
  workerId: string,
  leaseMs: number,
  db: Db,
): Promise<ClaimedWebhook | null> {
  const now = new Date();
  const rows = await queryRows(db, CLAIM_ONE, {
    leaseUntil: new Date(now.getTime() + leaseMs),
    owner: workerId,
    now,
    id,
    kind,
  });
  return toClaimed(rows, now, true)[0] ?? null;
}
