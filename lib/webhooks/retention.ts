import { getDb, type Db } from "@/lib/db/client";
import { retentionDays } from "./delivery/settings";

/**
 * Retention: webhooks (their attempts cascade) and events older than HOOKLINE_RETENTION_DAYS are deleted, a chunk
 * at a time. The in-process loop and the cron route both call `purgeWhenDue`: at most once an hour per process.
 */

const PURGE_EVERY_MS = 3_600_000;
const PURGE_CHUNK = 1_000;

let lastPurgeAt = 0;

/** Deletes webhooks and events older than the retention; returns how many of each. */
export async function purgeOldWebhooks(
  days = retentionDays(),
  db: Db = getDb(),
): Promise<{ webhooks: number; events: number }> {
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const purged = { webhooks: 0, events: 0 };
  for (;;) {
    const ids = (
      await db.webhook.findMany({ where: { createdAt: { lt: cutoff } }, select: { id: true }, take: PURGE_CHUNK })
    ).map((w) => w.id);
    if (!ids.length) break;
    purged.webhooks += (await db.webhook.deleteMany({ where: { id: { in: ids } } })).count;
  }
  for (;;) {
    const ids = (
      await db.event.findMany({ where: { createdAt: { lt: cutoff } }, select: { id: true }, take: PURGE_CHUNK })
    ).map((e) => e.id);
    if (!ids.length) break;
    purged.events += (await db.event.deleteMany({ where: { id: { in: ids } } })).count;
  }
  return purged;
}

/** Purges if the last purge in this process was an hour ago or more; null when it was not due. */
export async function purgeWhenDue(now = Date.now()): Promise<{ webhooks: number; events: number } | null> {
  if (now - lastPurgeAt < PURGE_EVERY_MS) return null;
  lastPurgeAt = now;
  return purgeOldWebhooks();
}
