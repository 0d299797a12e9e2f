import { getDb, type Db } from "@/lib/db/client";
import { queryRows, statement } from "@/lib/db/sql";
import { setDatabaseCollector, type DatabaseSnapshot } from "./metrics";

/**
 * The gauges read from the database at scrape time: the queue (due now and not leased, scheduled later, leased)
 * with the age of the oldest due webhook, and the endpoints by state. Shared by every instance, so each one
 * reports the same queue; aggregate them with max() rather than sum().
 */

type QueueRow = {
  due: number | bigint | null;
  scheduled: number | bigint | null;
  leased: number | bigint | null;
  oldestDue: Date | number | bigint | string | null;
};
type EndpointRow = { enabled: number | bigint | null; disabled: number | bigint | null; auto: number | bigint | null };

const NOT_LEASED = `("leaseUntil" IS NULL OR "leaseUntil" < :now)`;
// Due: pending or retrying whose time has come, or a failed / retrying one an operator queued (manualDueAt).
const DUE = `((("status" = 'pending' OR "status" = 'retrying') AND "nextAttemptAt" <= :now)
    OR ("manualDueAt" <= :now AND ("status" = 'failed' OR "status" = 'retrying')))`;

const pg = (text: string) => text.replaceAll(":now", ":now::timestamp");
const QUEUE_SQL = `SELECT
    (SELECT count(*) FROM "webhooks" WHERE ${DUE} AND ${NOT_LEASED}) AS "due",
    (SELECT count(*) FROM "webhooks" WHERE "status" = 'retrying' AND "nextAttemptAt" > :now AND "manualDueAt" IS NULL AND ${NOT_LEASED}) AS "scheduled",
    (SELECT count(*) FROM "webhooks" WHERE "leaseUntil" >= :now) AS "leased",
    (SELECT min(CASE WHEN "manualDueAt" IS NOT NULL AND ("nextAttemptAt" IS NULL OR "manualDueAt" < "nextAttemptAt" OR "status" = 'failed') THEN "manualDueAt" ELSE "nextAttemptAt" END)
      FROM "webhooks" WHERE ${DUE} AND ${NOT_LEASED}) AS "oldestDue"`;
const QUEUE = statement<{ now: Date }, QueueRow>({ postgresql: pg(QUEUE_SQL), sqlite: QUEUE_SQL });

const AUTO = `COALESCE("disabledReason", '') LIKE 'Disabled automatically%'`;
const ENDPOINTS = statement<Record<string, never>, EndpointRow>(`SELECT
    sum(CASE WHEN "enabled" THEN 1 ELSE 0 END) AS "enabled",
    sum(CASE WHEN NOT "enabled" AND NOT (${AUTO}) THEN 1 ELSE 0 END) AS "disabled",
    sum(CASE WHEN NOT "enabled" AND ${AUTO} THEN 1 ELSE 0 END) AS "auto"
  FROM "webhook_endpoints"`);

const num = (value: number | bigint | null | undefined) => Number(value ?? 0);
const toMs = (value: QueueRow["oldestDue"]) =>
  value === null
    ? null
    : value instanceof Date
      ? value.getTime()
      : typeof value === "string"
        ? Date.parse(value)
        : Number(value);

/** Reads the queue and the endpoints (two statements). */
export async function readDatabaseSnapshot(db: Db = getDb(), now = new Date()): Promise<DatabaseSnapshot> {
  const [[queue], [endpoints]] = await Promise.all([queryRows(db, QUEUE, { now }), queryRows(db, ENDPOINTS, {})]);
  const oldest = toMs(queue?.oldestDue ?? null);
  return {
    queue: {
      due: num(queue?.due),
      scheduled: num(queue?.scheduled),
      leased: num(queue?.leased),
      oldestDueAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
    },
    endpoints: {
      enabled: num(endpoints?.enabled),
      disabled: num(endpoints?.disabled),
      autoDisabled: num(endpoints?.auto),
    },
  };
}

/** Makes the scrape read the database (the process-wide client). Idempotent. */
export function installDatabaseCollector(): void {
  setDatabaseCollector(() => readDatabaseSnapshot());
}
