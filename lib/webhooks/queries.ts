import { STATUS_CODES } from "node:http";
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/db/models";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { parseLogFilters, RESPONSE_CLASSES, type LogFilters } from "./log-filters";
import { idSchema, instantSchema, isId } from "./schemas";

export const LOG_PAGE_SIZE = 50;

export type WebhookStatus = "pending" | "retrying" | "succeeded" | "failed";

/** One row of the log: plain, serialisable fields only. */
export type WebhookListItem = {
  id: string;
  webhookType: string;
  objectType: string;
  objectId: string | null;
  status: WebhookStatus;
  retries: number;
  attemptCount: number;
  lastHttpStatus: number | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
};

export type WebhookPage = { items: WebhookListItem[]; nextCursor: string | null };
/** How many match, exact up to 10,000 (`more` beyond): asked apart from the page, so a page never waits for it. */
export type MatchCount = { count: number; more: boolean };

export const listSelect = {
  id: true,
  webhookType: true,
  objectType: true,
  objectId: true,
  status: true,
  retries: true,
  attemptCount: true,
  lastHttpStatus: true,
  createdAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
} as const;

type ListRow = Prisma.WebhookGetPayload<{ select: typeof listSelect }>;

export function toListItem(row: ListRow): WebhookListItem {
  return {
    ...row,
    status: row.status as WebhookStatus,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** The HTTP reason phrase of a receiver's status code (Node's table), null for none or an unknown code. */
export function reasonPhrase(code: number | null): string | null {
  return code === null ? null : (STATUS_CODES[code] ?? null);
}

// The cursor is the last row's sort key, (createdAt, id): opaque to callers, exact for the keyset.
export function encodeCursor(row: { createdAt: Date | string; id: string }): string {
  const createdAt = typeof row.createdAt === "string" ? row.createdAt : row.createdAt.toISOString();
  return Buffer.from(`${createdAt}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  // Through the one id and instant schemas: a forged cursor must not carry NUL or a year PostgreSQL refuses.
  const date = instantSchema.safeParse(createdAt);
  if (!date.success || !isId(id) || extra !== undefined) {
    throw new AppError(AppErrorCode.InvalidInput, "This page link is no longer valid. Reload the log.");
  }
  return { createdAt: date.data, id };
}

const UUID_LOW = "00000000-0000-0000-0000-000000000000";
const UUID_HIGH = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/** "0190A1B2c3d4…" → "0190a1b2-c3d4", the UUID prefix a search for a unique key means; null if it is not one. */
export function uuidPrefix(text: string): string | null {
  const hex = text.toLowerCase().replace(/-/g, "");
  if (!/^[0-9a-f]{4,32}$/.test(hex)) return null;
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .filter(Boolean)
    .join("-");
}

/** What a unique key search matches: any 6+ characters of the key, a prefix typed without dashes, the short form shown. */
export function idConditions(q: string): Prisma.StringFilter[] {
  const [head, tail, extra] = q.split(/…|\.\.\./);
  if (extra !== undefined) return [];
  if (tail === undefined) {
    const part = q.toLowerCase();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(part)) return [{ equals: part }];
    const found: Prisma.StringFilter[] = [];
    // A part of the key as shown: a trigram index on PostgreSQL, the covering log index on SQLite.
    if (/^[0-9a-f-]{6,36}$/.test(part) && /[0-9a-f]{4}/.test(part)) found.push({ contains: part });
    const prefix = uuidPrefix(part);
    if (prefix && prefix !== part) found.push(prefixRange(prefix));
    return found;
  }
  const prefix = uuidPrefix(head);
  const endsWith = /^[0-9a-f]{1,12}$/i.test(tail) ? tail.toLowerCase() : undefined;
  return prefix && endsWith ? [{ ...prefixRange(prefix), endsWith }] : [];
}

// A range on the primary key (an index scan) narrows; startsWith keeps it exact whatever the collation.
function prefixRange(prefix: string): Prisma.StringFilter {
  return {
    gte: prefix + UUID_LOW.slice(prefix.length),
    lte: prefix + UUID_HIGH.slice(prefix.length),
    startsWith: prefix,
  };
}

// Above every code point: "q" <= x < q + TOP holds exactly for the strings starting with q under a bytewise collation.
const TOP = "\u{10FFFF}";

/** The start of an object id, as a range the (endpointId, objectId) index serves on both databases. */
function objectIdPrefix(q: string): Prisma.WebhookWhereInput {
  return { objectId: { gte: q, lt: q + TOP, startsWith: q } };
}

/** Webhook types are few: the ones containing `q` are found first (a loose index scan), then matched exactly. */
const TYPE_MATCH_LIMIT = 100;

/** The search box: part of the unique key, the start of an object id or event id, part of a webhook type. */
async function searchCondition(
  scope: OrgScope,
  endpointId: string | null,
  q: string,
): Promise<Prisma.WebhookWhereInput> {
  const branches: Prisma.WebhookWhereInput[] = [objectIdPrefix(q)];
  for (const id of idConditions(q)) branches.push({ id });
  if (isId(q.toLowerCase())) branches.push({ eventId: q.toLowerCase() });
  const type = q.toLowerCase();
  if (/^[a-z0-9_.]{1,100}$/.test(type)) {
    const { types } = await findWebhookTypes(scope, endpointId, type, TYPE_MATCH_LIMIT);
    if (types.length) branches.push({ webhookType: { in: types } });
  }
  return { OR: branches };
}

type ResponseClass = (typeof RESPONSE_CLASSES)[number];

const TIMED_OUT: Prisma.WebhookWhereInput = {
  OR: [{ lastError: { startsWith: "Timed out" } }, { lastError: { startsWith: "Connection timed out" } }],
};

export function responseCondition(response: ResponseClass): Prisma.WebhookWhereInput {
  if (response === "timeout") return { lastHttpStatus: null, attemptCount: { gt: 0 }, ...TIMED_OUT };
  if (response === "network")
    return { lastHttpStatus: null, attemptCount: { gt: 0 }, OR: [{ lastError: null }, { NOT: TIMED_OUT }] };
  const base = Number(response[0]) * 100;
  return { lastHttpStatus: { gte: base, lt: base + 100 } };
}

/**
 * The status tabs. Failed means "the last attempt failed", as in Svix: `failed` and `retrying` together (the row's
 * badge tells them apart), so a webhook that got a 500 is under Failed at once, not 28 hours later.
 */
export function statusCondition(status: LogFilters["status"]): Prisma.WebhookWhereInput {
  if (status === "all") return {};
  return status === "failed" ? { status: { in: ["failed", "retrying"] } } : { status };
}

/**
 * The where clause of a log page: the organization's webhooks, of one endpoint (null: every endpoint, for "All
 * events"). The endpoint's index serves an endpoint's log, the organization's (organizationId, createdAt, id) All events.
 */
export async function logWhere(
  scope: OrgScope,
  endpointId: string | null,
  filters: LogFilters,
  cursor?: string | null,
): Promise<Prisma.WebhookWhereInput> {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = new Date(filters.from);
  if (filters.to) createdAt.lt = new Date(filters.to);
  const and: Prisma.WebhookWhereInput[] = [];
  if (cursor) {
    const after = decodeCursor(cursor);
    // createdAt <= c is the index bound the scan starts from; the OR breaks ties on id.
    and.push(
      { createdAt: { lte: after.createdAt } },
      { OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] },
    );
  }
  if (filters.q) and.push(await searchCondition(scope, endpointId, filters.q));
  if (filters.response) and.push(responseCondition(filters.response));
  return {
    ...orgScope(scope),
    ...(endpointId ? { endpointId } : {}),
    ...statusCondition(filters.status),
    ...(filters.type ? { webhookType: filters.type } : {}),
    ...(Object.keys(createdAt).length ? { createdAt } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/** Counting stops here: past it the log says "10,000+". */
export const COUNT_CAP = 10_000;

/** How many webhooks match the filters: exact up to COUNT_CAP, then `more` (never counts the whole log). */
export async function countWebhooks(
  scope: OrgScope,
  endpointId: string | null,
  filters: Partial<LogFilters> = {},
): Promise<MatchCount> {
  const id = endpointId === null ? null : parseInput(idSchema, endpointId);
  const count = await getDb().webhook.count({
    where: await logWhere(scope, id, parseLogFilters(filters)),
    take: COUNT_CAP + 1,
  });
  return { count: Math.min(count, COUNT_CAP), more: count > COUNT_CAP };
}

/**
 * One page of an endpoint's log, newest first by (createdAt, id), at most `limit` rows.
 * `nextCursor` is null on the last page. Never counts or loads the whole log.
 */
export async function listWebhooks(
  scope: OrgScope,
  endpointId: string,
  filters: Partial<LogFilters> = {},
  cursor?: string | null,
  limit = LOG_PAGE_SIZE,
): Promise<WebhookPage> {
  const id = parseInput(idSchema, endpointId);
  const parsed = parseLogFilters(filters);
  const take = Math.min(Math.max(Math.trunc(limit), 1), 200);
  const rows = await getDb().webhook.findMany({
    where: await logWhere(scope, id, parsed, cursor),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: listSelect,
  });
  const items = rows.slice(0, take);
  const last = items[items.length - 1];
  return { items: items.map(toListItem), nextCursor: rows.length > take && last ? encodeCursor(last) : null };
}

/** A row of "All events": the log's row, and where it went. */
export type AllEventsItem = WebhookListItem & { eventId: string; endpointId: string; endpointUrl: string };
export type AllEventsPage = { items: AllEventsItem[]; nextCursor: string | null; total?: MatchCount };

/**
 * "All events": every endpoint's webhooks newest first, the log's filters plus an optional endpoint, by the same
 * keyset (the createdAt index walks it). `total` with the first page only.
 */
export async function listAllWebhooks(
  scope: OrgScope,
  filters: Partial<LogFilters> = {},
  endpointId?: string | null,
  cursor?: string | null,
  limit = LOG_PAGE_SIZE,
): Promise<AllEventsPage> {
  const endpoint = endpointId ? parseInput(idSchema, endpointId) : null;
  const parsed = parseLogFilters(filters);
  const take = Math.min(Math.max(Math.trunc(limit), 1), 200);
  const [rows, total] = await Promise.all([
    logWhere(scope, endpoint, parsed, cursor).then((where) =>
      getDb().webhook.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: take + 1,
        select: { ...listSelect, eventId: true, endpointId: true, endpoint: { select: { url: true } } },
      }),
    ),
    cursor ? undefined : countWebhooks(scope, endpoint, parsed),
  ]);
  const items = rows.slice(0, take);
  const last = items[items.length - 1];
  return {
    items: items.map(({ eventId, endpointId: owner, endpoint, ...row }) => ({
      ...toListItem(row),
      eventId,
      endpointId: owner,
      endpointUrl: endpoint.url,
    })),
    nextCursor: rows.length > take && last ? encodeCursor(last) : null,
    ...(total ? { total } : {}),
  };
}

export const TYPE_SEARCH_LIMIT = 20;

/**
 * Up to `limit` webhook types of an endpoint's log that contain `search`, in order, for the type filter (never the
 * whole list: a log can hold thousands of types). A loose index scan on (endpointId, webhookType, createdAt) walks
 * the distinct types, one index probe each, and stops at the limit.
 */
export async function searchWebhookTypes(
  scope: OrgScope,
  endpointId: string,
  search = "",
  limit = TYPE_SEARCH_LIMIT,
): Promise<{ types: string[]; more: boolean }> {
  return findWebhookTypes(scope, parseInput(idSchema, endpointId), search, limit);
}

async function findWebhookTypes(
  scope: OrgScope,
  endpointId: string | null,
  search: string,
  limit: number,
): Promise<{ types: string[]; more: boolean }> {
  const take = Math.min(Math.max(Math.trunc(limit), 1), 100);
  const pattern = `%${search.replace(/[\\%_]/g, "\\$&")}%`;
  const { organizationId } = orgScope(scope);
  const rows = endpointId
    ? await getDb().$queryRaw<Array<{ type: string }>>`
    WITH RECURSIVE types(type) AS (
      SELECT MIN("webhookType") FROM "webhooks" WHERE "endpointId" = ${endpointId} AND "organizationId" = ${organizationId}
      UNION ALL
      SELECT (SELECT MIN(w."webhookType") FROM "webhooks" w WHERE w."endpointId" = ${endpointId} AND w."organizationId" = ${organizationId} AND w."webhookType" > types.type)
      FROM types WHERE types.type IS NOT NULL
    )
    SELECT type FROM types WHERE type IS NOT NULL AND type LIKE ${pattern} ESCAPE '\\' LIMIT ${take + 1}`
    : // Every endpoint: the organization's types ever emitted are few, walked on the events' (organizationId, type) index.
      await getDb().$queryRaw<Array<{ type: string }>>`
    WITH RECURSIVE types(type) AS (
      SELECT MIN("webhookType") FROM "events" WHERE "organizationId" = ${organizationId}
      UNION ALL
      SELECT (SELECT MIN(e."webhookType") FROM "events" e WHERE e."organizationId" = ${organizationId} AND e."webhookType" > types.type)
      FROM types WHERE types.type IS NOT NULL
    )
    SELECT type FROM types WHERE type IS NOT NULL AND type LIKE ${pattern} ESCAPE '\\' LIMIT ${take + 1}`;
  const types = rows.map((row) => row.type);
  return { types: types.slice(0, take).sort(), more: types.length > take };
}
