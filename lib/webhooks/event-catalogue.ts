import { getDb, type Db } from "@/lib/db/client";
import { LAGO_WEBHOOK_TYPES } from "./event-types";

// Types the API has seen are read from this many of the newest events (the createdAt index), never the whole table;
// at most MAX_SEEN_TYPES of them, since every page with an endpoint form carries the catalogue.
const RECENT_EVENTS = 10_000;
export const MAX_SEEN_TYPES = 100;

/**
 * The types an endpoint's filter can choose from: Lago's catalogue, the types of recent events, and any type an
 * endpoint already filters on; sorted, each once.
 */
export async function eventTypeCatalogue(db: Db = getDb()): Promise<string[]> {
  const [seen, endpoints] = await Promise.all([
    db.$queryRawUnsafe<{ webhookType: string }[]>(
      `SELECT DISTINCT "webhookType" FROM (SELECT "webhookType" FROM "events" ORDER BY "createdAt" DESC LIMIT ${RECENT_EVENTS}) recent LIMIT ${MAX_SEEN_TYPES}`,
    ),
    db.webhookEndpoint.findMany({ select: { eventTypes: true } }),
  ]);
  const chosen = endpoints.flatMap((endpoint) =>
    Array.isArray(endpoint.eventTypes) ? endpoint.eventTypes.filter((t) => typeof t === "string") : [],
  );
  return [...new Set<string>([...LAGO_WEBHOOK_TYPES, ...seen.map((row) => row.webhookType), ...chosen])].sort();
}
