import { getDb, type Db } from "@/lib/db/client";
import { queryRows, statement } from "@/lib/db/sql";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { LAGO_WEBHOOK_TYPES } from "./event-types";

// Types the API has seen are read from this many of the organization's newest events (its createdAt index), never the
// whole table; at most MAX_SEEN_TYPES of them, since every page with an endpoint form carries the catalogue.
const RECENT_EVENTS = 10_000;
export const MAX_SEEN_TYPES = 100;

// On the (organizationId, createdAt) index of events.
const SEEN_TYPES = statement<{ organizationId: string }, { webhookType: string }>(
  `SELECT DISTINCT "webhookType" FROM (
    SELECT "webhookType" FROM "events" WHERE "organizationId" = :organizationId ORDER BY "createdAt" DESC LIMIT ${RECENT_EVENTS}
  ) recent LIMIT ${MAX_SEEN_TYPES}`,
);

/**
 * The types an organization's endpoint filter can choose from: Lago's catalogue, the types of its recent events, and
 * any type one of its endpoints already filters on; sorted, each once.
 */
export async function eventTypeCatalogue(scope: OrgScope, db: Db = getDb()): Promise<string[]> {
  const { organizationId } = orgScope(scope);
  const [seen, endpoints] = await Promise.all([
    queryRows(db, SEEN_TYPES, { organizationId }),
    db.webhookEndpoint.findMany({ where: { organizationId }, select: { eventTypes: true } }),
  ]);
  const chosen = endpoints.flatMap((endpoint) =>
    Array.isArray(endpoint.eventTypes) ? endpoint.eventTypes.filter((t) => typeof t === "string") : [],
  );
  return [...new Set<string>([...LAGO_WEBHOOK_TYPES, ...seen.map((row) => row.webhookType), ...chosen])].sort();
}
