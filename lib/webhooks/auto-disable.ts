import { config } from "@/lib/config";
import { dbProvider, getDb, type Db } from "@/lib/db/client";
import { logger } from "@/lib/observability/logger";

/**
 * Auto-disable: an endpoint whose deliveries have only failed for a sustained time (default 5 days and at least 10
 * failed attempts), or that answered 410 Gone, is disabled with a reason the operator reads on the endpoint and in
 * the list. The worker keeps each endpoint's run of failures (`failingSince`, `consecutiveFailures`) as it records
 * results; re-enabling (`setEndpointEnabled` in endpoints.ts) clears that run.
 */

const SWEEP_EVERY_MS = 60_000;

/** `HOOKLINE_AUTO_DISABLE_AFTER_HOURS` (default 120) and `HOOKLINE_AUTO_DISABLE_MIN_FAILURES` (default 10). */
export function autoDisableSettings(): { afterHours: number; minFailures: number } {
  return config().autoDisable;
}

/** 120 -> "5 days", 36 -> "36 hours", 1 -> "1 hour". */
export function describeHours(hours: number): string {
  if (hours >= 24 && hours % 24 === 0) return hours === 24 ? "1 day" : `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

export const GONE_REASON = "Disabled automatically: the endpoint answered 410 Gone";

export type DisabledEndpoint = { id: string; url: string; disabledReason: string };

/**
 * Disables, in one UPDATE, every enabled endpoint whose run of failures started at least `afterHours` before `now`
 * and counts at least `minFailures` attempts. The reason names the run: "Disabled automatically: every delivery
 * failed for 5 days (37 failures) since 2026-11-20 14:03 UTC".
 */
export async function disableFailingEndpoints(now = new Date(), db: Db = getDb()): Promise<DisabledEndpoint[]> {
  const { afterHours, minFailures } = autoDisableSettings();
  const cutoff = new Date(now.getTime() - afterHours * 3_600_000);
  const lead = `Disabled automatically: every delivery failed for ${describeHours(afterHours)} (`;
  if (dbProvider() === "postgresql") {
    return db.$queryRaw<DisabledEndpoint[]>`
      UPDATE "webhook_endpoints"
      SET "enabled" = false, "disabledAt" = ${now}::timestamp, "updatedAt" = ${now}::timestamp,
        "disabledReason" = ${lead} || "consecutiveFailures"::text || ' failures) since '
          || to_char("failingSince", 'YYYY-MM-DD HH24:MI') || ' UTC'
      WHERE "enabled" = true AND "failingSince" <= ${cutoff}::timestamp AND "consecutiveFailures" >= ${minFailures}
      RETURNING "id", "url", "disabledReason"`;
  }
  // SQLite keeps DateTime as Unix milliseconds.
  return db.$queryRaw<DisabledEndpoint[]>`
    UPDATE "webhook_endpoints"
    SET "enabled" = false, "disabledAt" = ${now.getTime()}, "updatedAt" = ${now.getTime()},
      "disabledReason" = ${lead} || "consecutiveFailures" || ' failures) since '
        || strftime('%Y-%m-%d %H:%M', "failingSince" / 1000, 'unixepoch') || ' UTC'
    WHERE "enabled" = 1 AND "failingSince" <= ${cutoff.getTime()} AND "consecutiveFailures" >= ${minFailures}
    RETURNING "id", "url", "disabledReason"`;
}

/** Disables the endpoints that just answered 410 Gone (called where results are recorded). Never throws. */
export async function disableGoneEndpoints(endpointIds: string[], now = new Date(), db: Db = getDb()): Promise<number> {
  if (!endpointIds.length) return 0;
  try {
    const { count } = await db.webhookEndpoint.updateMany({
      where: { id: { in: [...new Set(endpointIds)] }, enabled: true },
      data: { enabled: false, disabledAt: now, disabledReason: GONE_REASON },
    });
    if (count)
      logger().warn({ endpointIds: [...new Set(endpointIds)] }, "endpoints answered 410 Gone and were disabled");
    return count;
  } catch (error) {
    // The results themselves are recorded already; the next 410 tries again.
    logger().error({ err: error }, "could not disable an endpoint that answered 410 Gone");
    return 0;
  }
}

let lastSweepAt = 0;
let sweeping = false;

/**
 * The worker loop's call: runs `disableFailingEndpoints` at most once a minute per process, one at a time.
 * Never throws; safe to call on every claim.
 */
export async function sweepFailingEndpoints(db?: Db, now = Date.now()): Promise<void> {
  if (sweeping || now - lastSweepAt < SWEEP_EVERY_MS) return;
  sweeping = true;
  lastSweepAt = now;
  try {
    for (const endpoint of await disableFailingEndpoints(new Date(now), db)) {
      logger().warn({ endpointId: endpoint.id, reason: endpoint.disabledReason }, "endpoint disabled automatically");
    }
  } catch (error) {
    logger().error({ err: error }, "the auto-disable sweep failed; it runs again in a minute");
  } finally {
    sweeping = false;
  }
}
