import { dbProvider, getDb, type Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { empty, sql } from "@/lib/db/models";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { idSchema } from "./schemas";

/**
 * Health at a glance: deliveries by status per hour (24 h) or per day (30 days), success rate and volume, median
 * and p95 response time. Everything is counted by grouped SQL (per provider, side by side); no row is loaded.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type HealthRange = "24h" | "30d";
export const HEALTH_RANGES: readonly HealthRange[] = ["24h", "30d"];

export type StatusCounts = { succeeded: number; failed: number; inProgress: number };
export type HealthBucket = StatusCounts & { start: string };
export type HealthSummary = StatusCounts & {
  total: number;
  /** Succeeded / (succeeded + failed + being retried); null while nothing has been attempted. */
  successRate: number | null;
  buckets: HealthBucket[];
};
export type EndpointHealth = HealthSummary & {
  range: HealthRange;
  from: string;
  to: string;
  bucketMs: number;
  latency: { attempts: number; p50: number | null; p95: number | null };
};

const isPostgres = () => dbProvider() === "postgresql";

/**
 * The window and its buckets. 24 h: exactly the last 24 hours, in clock hours (the first and last partial).
 * 30 d: today and the 29 days before, from local midnight. `tzOffsetMinutes` is the browser's getTimezoneOffset().
 */
export function healthWindow(
  range: HealthRange,
  now: Date,
  tzOffsetMinutes = 0,
): { from: Date; origin: number; bucketMs: number; buckets: number } {
  const shift = tzOffsetMinutes * 60_000;
  if (range === "24h") {
    const from = new Date(now.getTime() - DAY);
    const origin = Math.floor((from.getTime() - shift) / HOUR) * HOUR + shift;
    return { from, origin, bucketMs: HOUR, buckets: Math.floor((now.getTime() - origin) / HOUR) + 1 };
  }
  const origin = Math.floor((now.getTime() - shift) / DAY) * DAY + shift - 29 * DAY;
  return { from: new Date(origin), origin, bucketMs: DAY, buckets: 30 };
}

type CountRow = { endpointId: string; bucket: number | bigint; status: string; n: number | bigint };

/**
 * An organization's webhook counts by endpoint, bucket and status since `from` (optionally one endpoint): one grouped
 * query, on the (organizationId, createdAt) index, or the endpoint's.
 */
function countByBucket(
  db: Db,
  organizationId: string,
  from: Date,
  origin: number,
  bucketMs: number,
  endpointId?: string,
): Promise<CountRow[]> {
  if (isPostgres()) {
    const one = endpointId ? sql`AND "endpointId" = ${endpointId}` : empty;
    return db.$queryRaw<CountRow[]>`
      SELECT "endpointId", floor((extract(epoch from "createdAt") * 1000 - ${origin}::float8) / ${bucketMs}::float8)::int AS bucket,
        "status", count(*)::int AS n
      FROM "webhooks"
      WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${from}::timestamp ${one}
      GROUP BY 1, 2, 3`;
  }
  // SQLite keeps DateTime as Unix milliseconds: integer division is the bucket (numbers are bound as REAL).
  const one = endpointId ? sql`AND "endpointId" = ${endpointId}` : empty;
  return db.$queryRaw<CountRow[]>`
    SELECT "endpointId", ("createdAt" - CAST(${origin} AS INTEGER)) / CAST(${bucketMs} AS INTEGER) AS bucket, "status", COUNT(*) AS n
    FROM "webhooks"
    WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${from.getTime()} ${one}
    GROUP BY 1, 2, 3`;
}

function emptySummary(origin: number, bucketMs: number, buckets: number): HealthSummary {
  return {
    total: 0,
    succeeded: 0,
    failed: 0,
    inProgress: 0,
    successRate: null,
    buckets: Array.from({ length: buckets }, (_, i) => ({
      start: new Date(origin + i * bucketMs).toISOString(),
      succeeded: 0,
      failed: 0,
      inProgress: 0,
    })),
  };
}

function summarise(rows: CountRow[], origin: number, bucketMs: number, buckets: number): Map<string, HealthSummary> {
  const byEndpoint = new Map<string, HealthSummary>();
  for (const row of rows) {
    const summary = byEndpoint.get(row.endpointId) ?? emptySummary(origin, bucketMs, buckets);
    byEndpoint.set(row.endpointId, summary);
    const n = Number(row.n);
    const key: keyof StatusCounts =
      row.status === "succeeded" ? "succeeded" : row.status === "failed" ? "failed" : "inProgress";
    const bucket = summary.buckets[Math.min(Math.max(Number(row.bucket), 0), buckets - 1)];
    bucket[key] += n;
    summary[key] += n;
    summary.total += n;
  }
  // Pending webhooks have not been tried yet: they do not count against the rate; retrying ones (failed once) do.
  const pending = new Map<string, number>();
  for (const row of rows)
    if (row.status === "pending") pending.set(row.endpointId, (pending.get(row.endpointId) ?? 0) + Number(row.n));
  for (const [id, summary] of byEndpoint) {
    const tried = summary.total - (pending.get(id) ?? 0);
    summary.successRate = tried ? summary.succeeded / tried : null;
  }
  return byEndpoint;
}

/**
 * The last 24 hours of an organization's endpoints, per hour, in one grouped query (the endpoint list). Endpoints
 * without webhooks (or not the organization's) get zeros.
 */
export async function endpointsHealth24h(
  scope: OrgScope,
  endpointIds: string[],
  now = new Date(),
  db: Db = getDb(),
): Promise<Record<string, HealthSummary>> {
  const { from, origin, bucketMs, buckets } = healthWindow("24h", now);
  const rows = await countByBucket(db, orgScope(scope).organizationId, from, origin, bucketMs);
  const byEndpoint = summarise(rows, origin, bucketMs, buckets);
  return Object.fromEntries(
    endpointIds.map((id) => [id, byEndpoint.get(id) ?? emptySummary(origin, bucketMs, buckets)]),
  );
}

type LatencyRow = {
  n: number | bigint;
  p50?: number | null;
  p95?: number | null;
  lo50?: number | bigint | null;
  hi50?: number | bigint | null;
  lo95?: number | bigint | null;
  hi95?: number | bigint | null;
};

/** Linear interpolation between the two closest ranks, as PostgreSQL's percentile_cont does. */
function interpolate(
  count: number,
  p: number,
  lo: number | bigint | null | undefined,
  hi: number | bigint | null | undefined,
): number | null {
  if (!count || lo === null || lo === undefined) return null;
  const rank = (count - 1) * p;
  const fraction = rank - Math.floor(rank);
  const low = Number(lo);
  return low + fraction * (Number(hi ?? lo) - low);
}

/** Median and p95 of the attempts' durations for the webhooks of one endpoint in the window, computed in SQL. */
async function latency(
  db: Db,
  organizationId: string,
  endpointId: string,
  from: Date,
): Promise<EndpointHealth["latency"]> {
  if (isPostgres()) {
    const [row] = await db.$queryRaw<LatencyRow[]>`
      SELECT count(*)::int AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY a."durationMs") AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY a."durationMs") AS p95
      FROM "webhooks" w JOIN "attempts" a ON a."webhookId" = w."id"
      WHERE w."endpointId" = ${endpointId} AND w."organizationId" = ${organizationId}
        AND w."createdAt" >= ${from}::timestamp AND a."startedAt" >= ${from}::timestamp`;
    const n = Number(row?.n ?? 0);
    return { attempts: n, p50: n ? Number(row.p50) : null, p95: n ? Number(row.p95) : null };
  }
  // SQLite has no percentile function: the two values around each rank are picked with ORDER BY ... OFFSET.
  const at = (p: number, next: 0 | 1) =>
    sql`(SELECT ms FROM d ORDER BY ms LIMIT 1 OFFSET (SELECT CAST((c - 1) * ${p} AS INTEGER) + ${next} FROM n))`;
  const [row] = await db.$queryRaw<LatencyRow[]>`
    WITH d AS (
      SELECT a."durationMs" AS ms FROM "webhooks" w JOIN "attempts" a ON a."webhookId" = w."id"
      WHERE w."endpointId" = ${endpointId} AND w."organizationId" = ${organizationId}
        AND w."createdAt" >= ${from.getTime()} AND a."startedAt" >= ${from.getTime()}
    ), n AS (SELECT COUNT(*) AS c FROM d)
    SELECT (SELECT c FROM n) AS n, ${at(0.5, 0)} AS lo50, ${at(0.5, 1)} AS hi50, ${at(0.95, 0)} AS lo95, ${at(0.95, 1)} AS hi95`;
  const n = Number(row?.n ?? 0);
  return {
    attempts: n,
    p50: interpolate(n, 0.5, row?.lo50, row?.hi50),
    p95: interpolate(n, 0.95, row?.lo95, row?.hi95),
  };
}

/** One endpoint's deliveries by status per hour (24 h) or per day (30 d), with its response times. */
export async function endpointHealth(
  scope: OrgScope,
  endpointId: string,
  range: HealthRange = "24h",
  { now = new Date(), tzOffsetMinutes = 0, db = getDb() }: { now?: Date; tzOffsetMinutes?: number; db?: Db } = {},
): Promise<EndpointHealth> {
  const id = parseInput(idSchema, endpointId);
  const { from, origin, bucketMs, buckets } = healthWindow(range, now, tzOffsetMinutes);
  const { organizationId } = orgScope(scope);
  const [rows, times] = await Promise.all([
    countByBucket(db, organizationId, from, origin, bucketMs, id),
    latency(db, organizationId, id, from),
  ]);
  const summary = summarise(rows, origin, bucketMs, buckets).get(id) ?? emptySummary(origin, bucketMs, buckets);
  return { ...summary, range, from: from.toISOString(), to: now.toISOString(), bucketMs, latency: times };
}
