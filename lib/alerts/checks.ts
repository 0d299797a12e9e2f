import { config } from "@/lib/config";
import { getDb, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { uuidv7TimeHex } from "@/lib/db/ids";
import { queryRows, statement } from "@/lib/db/sql";
import { readDatabaseSnapshot } from "@/lib/observability/collect";
import { logger } from "@/lib/observability/logger";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { sendAlert, type AlertMessage } from "./send";
import { DEFAULT_SUCCESS_RATE_THRESHOLD, loadAlertSettings } from "./settings";

/**
 * The alert checks, run once a minute by every instance (`startAlertChecks`) and read from the database, so any
 * instance sees the same incidents:
 * - an endpoint disabled automatically (the reason and a link);
 * - an endpoint failing: every attempt failed for FAILING_MINUTES, or its success rate over that window fell below
 *   the organization's threshold with at least MIN_ATTEMPTS attempts (the rate and the last error);
 * - recovered: a failing endpoint whose run of failures ended and whose rate is back above the threshold;
 * - a stalled worker: webhooks due for STALLED_MINUTES and no attempt started in that time (installation-wide,
 *   sent to the Default organization's channels), and its recovery.
 * Once per incident: an incident is an alert row holding `openKey` (unique per organization) until it is resolved;
 * a second instance, or the next minute, finds the key taken and sends nothing.
 */

export const FAILING_MINUTES = 30;
export const STALLED_MINUTES = 5;
export const MIN_ATTEMPTS = 10;
const AUTO_DISABLED_RECENT_HOURS = 24;
const MINUTE = 60_000;

export type AlertKind =
  "endpoint_auto_disabled" | "endpoint_failing" | "endpoint_recovered" | "worker_stalled" | "worker_recovered";

type Incident = {
  organizationId: string;
  kind: AlertKind;
  key: string | null;
  endpointId: string | null;
  title: string;
  message: string;
  details: Record<string, unknown>;
};

/** The smallest UUIDv7 of a millisecond: attempt ids are UUIDv7 of their start, so `id >= this` is a time range. */
function firstIdAt(ms: number): string {
  const hex = uuidv7TimeHex(ms);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

type RateRow = {
  endpointId: string;
  attempts: number | bigint;
  succeeded: number | bigint | null;
};
// Attempts of the window per enabled endpoint, read through the primary key's range (ids are time-ordered).
const RATES = statement<{ fromId: string }, RateRow>(`SELECT w."endpointId" AS "endpointId", count(*) AS "attempts",
    sum(CASE WHEN a."succeeded" THEN 1 ELSE 0 END) AS "succeeded"
  FROM "attempts" a JOIN "webhooks" w ON w."id" = a."webhookId"
  WHERE a."id" >= :fromId
  GROUP BY w."endpointId"`);

type EndpointInfo = {
  id: string;
  organizationId: string;
  url: string;
  name: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  consecutiveFailures: number;
};

function endpointLabel(endpoint: { name: string | null; url: string }): string {
  if (endpoint.name) return endpoint.name;
  try {
    return new URL(endpoint.url).host;
  } catch {
    return "an endpoint";
  }
}

/** The dashboard's page of an endpoint (absolute with HOOKLINE_PUBLIC_URL). */
export function endpointLink(endpointId: string): string {
  return `${config().publicUrl ?? ""}/developers/webhooks/${endpointId}`;
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

async function record(db: Db, incident: Incident, now: Date): Promise<AlertMessage | null> {
  try {
    const row = await db.alert.create({
      data: {
        organizationId: incident.organizationId,
        kind: incident.kind,
        endpointId: incident.endpointId,
        openKey: incident.key,
        title: incident.title,
        message: incident.message,
        details: incident.details as object,
        createdAt: now,
      },
    });
    return { ...incident, id: row.id, createdAt: row.createdAt };
  } catch (error) {
    // The incident is open already (alerted by this instance earlier or by another one): nothing to send.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function send(db: Db, alert: AlertMessage): Promise<AlertMessage> {
  const results = await sendAlert(alert, await loadAlertSettings(alert.organizationId, db));
  await db.alert.update({ where: { id: alert.id }, data: results });
  return alert;
}

/** Opens an incident and sends its alert; null when it is open already. */
async function open(db: Db, incident: Incident, now: Date): Promise<AlertMessage | null> {
  const alert = await record(db, incident, now);
  return alert ? send(db, alert) : null;
}

/** Resolves an open incident; with `recovered`, records and sends that alert (only the instance that resolved it). */
async function resolve(
  db: Db,
  organizationId: string,
  key: string,
  now: Date,
  recovered?: Omit<Incident, "key">,
): Promise<AlertMessage | null> {
  const { count } = await db.alert.updateMany({
    where: { organizationId, openKey: key },
    data: { openKey: null, resolvedAt: now },
  });
  if (!count || !recovered) return null;
  const alert = await record(db, { ...recovered, key: null }, now);
  return alert ? send(db, alert) : null;
}

async function lastError(db: Db, endpointId: string, fromId: string): Promise<string | null> {
  const attempt = await db.attempt.findFirst({
    where: { id: { gte: fromId }, succeeded: false, webhook: { endpointId } },
    orderBy: { id: "desc" },
    select: { error: true, statusCode: true },
  });
  if (!attempt) return null;
  return attempt.error ?? (attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : null);
}

async function checkEndpoints(db: Db, now: Date): Promise<AlertMessage[]> {
  const sent: AlertMessage[] = [];
  const windowStart = now.getTime() - FAILING_MINUTES * MINUTE;
  const fromId = firstIdAt(windowStart);
  const endpoints: EndpointInfo[] = await db.webhookEndpoint.findMany({
    select: {
      id: true,
      organizationId: true,
      url: true,
      name: true,
      enabled: true,
      disabledReason: true,
      disabledAt: true,
      failingSince: true,
      consecutiveFailures: true,
    },
  });
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const rates = new Map(
    (await queryRows(db, RATES, { fromId })).map((r) => [
      r.endpointId,
      { attempts: Number(r.attempts), succeeded: Number(r.succeeded ?? 0) },
    ]),
  );
  const thresholds = new Map<string, number>();
  const thresholdOf = async (organizationId: string) => {
    if (!thresholds.has(organizationId)) {
      const settings = await loadAlertSettings(organizationId, db);
      thresholds.set(organizationId, (settings?.successRateThreshold ?? DEFAULT_SUCCESS_RATE_THRESHOLD) / 100);
    }
    return thresholds.get(organizationId)!;
  };

  for (const endpoint of endpoints) {
    const label = endpointLabel(endpoint);
    const link = endpointLink(endpoint.id);
    const autoDisabled = !endpoint.enabled && (endpoint.disabledReason ?? "").startsWith("Disabled automatically");
    const recent =
      endpoint.disabledAt && endpoint.disabledAt.getTime() >= now.getTime() - AUTO_DISABLED_RECENT_HOURS * 60 * MINUTE;
    if (autoDisabled && recent) {
      const alert = await open(
        db,
        {
          organizationId: endpoint.organizationId,
          kind: "endpoint_auto_disabled",
          key: `auto_disabled:${endpoint.id}`,
          endpointId: endpoint.id,
          title: `Endpoint ${label} was disabled`,
          message: `${endpoint.disabledReason}. Nothing is sent to it until an operator enables it again: ${link}`,
          details: { reason: endpoint.disabledReason, link, disabled_at: endpoint.disabledAt?.toISOString() },
        },
        now,
      );
      if (alert) sent.push(alert);
    } else if (endpoint.enabled) {
      await resolve(db, endpoint.organizationId, `auto_disabled:${endpoint.id}`, now);
    }
    if (!endpoint.enabled) continue;

    const rate = rates.get(endpoint.id) ?? { attempts: 0, succeeded: 0 };
    const successRate = rate.attempts ? rate.succeeded / rate.attempts : null;
    const threshold = await thresholdOf(endpoint.organizationId);
    const lowRate = successRate !== null && rate.attempts >= MIN_ATTEMPTS && successRate < threshold;
    const failingLong = endpoint.failingSince !== null && endpoint.failingSince.getTime() <= windowStart;
    const key = `endpoint_failing:${endpoint.id}`;
    const shownRate = successRate === null ? "no attempts" : percent(successRate);
    if (failingLong || lowRate) {
      const error = await lastError(db, endpoint.id, fromId);
      const why = failingLong
        ? `every delivery has failed since ${endpoint.failingSince!.toISOString()} (${endpoint.consecutiveFailures} in a row)`
        : `its success rate over the last ${FAILING_MINUTES} minutes is ${shownRate}, below ${percent(threshold)}`;
      const alert = await open(
        db,
        {
          organizationId: endpoint.organizationId,
          kind: "endpoint_failing",
          key,
          endpointId: endpoint.id,
          title: `Endpoint ${label} is failing`,
          message: `Deliveries to ${label} are failing: ${why}. Success rate (last ${FAILING_MINUTES} minutes): ${shownRate} of ${rate.attempts} attempts. Last error: ${error ?? "none recorded"}. ${link}`,
          details: {
            success_rate: successRate,
            attempts: rate.attempts,
            last_error: error,
            failing_since: endpoint.failingSince?.toISOString() ?? null,
            link,
          },
        },
        now,
      );
      if (alert) sent.push(alert);
    } else if (endpoint.failingSince === null) {
      const alert = await resolve(db, endpoint.organizationId, key, now, {
        organizationId: endpoint.organizationId,
        kind: "endpoint_recovered",
        endpointId: endpoint.id,
        title: `Endpoint ${label} recovered`,
        message: `Deliveries to ${label} succeed again. Success rate (last ${FAILING_MINUTES} minutes): ${shownRate}. ${link}`,
        details: { success_rate: successRate, attempts: rate.attempts, link },
      });
      if (alert) sent.push(alert);
    }
  }
  // Incidents of endpoints deleted meanwhile end silently.
  const open_ = await db.alert.findMany({
    where: { openKey: { not: null }, endpointId: { not: null } },
    select: { organizationId: true, openKey: true, endpointId: true },
  });
  for (const incident of open_) {
    if (!byId.has(incident.endpointId!)) await resolve(db, incident.organizationId, incident.openKey!, now);
  }
  return sent;
}

async function checkWorker(db: Db, now: Date): Promise<AlertMessage | null> {
  const snapshot = await readDatabaseSnapshot(db, now);
  let stalled = false;
  if (snapshot.queue.oldestDueAgeSeconds >= STALLED_MINUTES * 60) {
    const latest = await db.attempt.findFirst({ orderBy: { id: "desc" }, select: { startedAt: true } });
    stalled = !latest || latest.startedAt.getTime() < now.getTime() - STALLED_MINUTES * MINUTE;
  }
  // The worker is the installation's, not an organization's: a stalled one is one incident, sent once through the
  // Default organization's settings (the installation's own, always there) rather than to every tenant left waiting.
  const organizationId = DEFAULT_ORGANIZATION_ID;
  const minutes = Math.floor(snapshot.queue.oldestDueAgeSeconds / 60);
  if (stalled) {
    return open(
      db,
      {
        organizationId,
        kind: "worker_stalled",
        key: "worker_stalled",
        endpointId: null,
        title: "No worker is delivering webhooks",
        message: `${snapshot.queue.due} webhooks are due, the oldest for ${minutes} minutes, and no delivery was attempted in the last ${STALLED_MINUTES} minutes. Check that the instances run with HOOKLINE_WORKER=on (or that the cron calls /api/cron/deliver), and their logs.`,
        details: { due: snapshot.queue.due, oldest_due_seconds: Math.round(snapshot.queue.oldestDueAgeSeconds) },
      },
      now,
    );
  }
  return resolve(db, organizationId, "worker_stalled", now, {
    organizationId,
    kind: "worker_recovered",
    endpointId: null,
    title: "Webhooks are being delivered again",
    message: `The worker claims due webhooks again; ${snapshot.queue.due} are due now.`,
    details: { due: snapshot.queue.due },
  });
}

/** One round of checks; returns the alerts it sent. */
export async function runAlertChecks(now = new Date(), db: Db = getDb()): Promise<AlertMessage[]> {
  const sent = await checkEndpoints(db, now);
  const worker = await checkWorker(db, now);
  return worker ? [...sent, worker] : sent;
}

const CHECK_EVERY_MS = 60_000;
const globalForAlerts = globalThis as unknown as { hooklineAlerts?: NodeJS.Timeout };

/** At boot: the checks once a minute in this process (every instance; the incidents' keys keep it to one alert). */
export function startAlertChecks(): void {
  if (globalForAlerts.hooklineAlerts) return;
  let running = false;
  globalForAlerts.hooklineAlerts = setInterval(() => {
    if (running) return;
    running = true;
    runAlertChecks()
      .catch((error: unknown) => logger().error({ err: error }, "alert checks failed; they run again in a minute"))
      .finally(() => (running = false));
  }, CHECK_EVERY_MS).unref();
}

export function stopAlertChecks(): void {
  clearInterval(globalForAlerts.hooklineAlerts);
  globalForAlerts.hooklineAlerts = undefined;
}
