import { dbProvider, getDb, type Db } from "@/lib/db/client";
import { uuidv7, uuidv7TimeHex } from "@/lib/db/ids";
import { execute, queryRows, statement } from "@/lib/db/sql";
import { AppError, AppErrorCode, type FieldErrors } from "@/lib/errors";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { wakeWorker } from "./delivery/loop";
import type { EmitResult } from "./emit";
import { emitInputSchema, MAX_BATCH_EVENTS, objectIdOf, type EmitInput } from "./schemas";

export { MAX_BATCH_EVENTS };

/** One event of a batch, validated and serialised: what the statement writes. */
type Item = {
  id: string;
  type: string;
  objectType: string;
  objectId: string | null;
  body: string;
  key: string | null;
};

type BatchParams = { organizationId: string; items: string; hexNow: string; now: Date; createdAt: string };
type BatchRow = {
  kind: "prior" | "event" | "webhook";
  id: string;
  eventId: string | null;
  endpointId: string | null;
  response: string | null;
};

// Whether endpoint `e` wants the type of event `f`: no filter (SQL NULL or JSON null), or a filter listing it.
const WANTS_PG = `(e."eventTypes" IS NULL OR jsonb_typeof(e."eventTypes") = 'null'
  OR (jsonb_typeof(e."eventTypes") = 'array' AND e."eventTypes" @> jsonb_build_array(f."type")))`;

/**
 * PostgreSQL, one statement for the whole batch: the events whose key is already taken are read (`prior`), the
 * rest written with one webhook per enabled endpoint that wants their type (`pairs`: ids made in SQL, as emit.ts
 * does), each keyed event with its stored answer. A key taken by a request committing meanwhile inserts nothing
 * (ON CONFLICT) and is read afterwards.
 */
const BATCH_PG = statement<BatchParams, BatchRow>(`WITH
  input AS MATERIALIZED (
    SELECT * FROM json_to_recordset(:items::json)
      AS x("id" text, "type" text, "objectType" text, "objectId" text, "body" text, "key" text)),
  prior AS MATERIALIZED (
    SELECT "idempotencyKey" AS "key", "response" FROM "events"
    WHERE "organizationId" = :organizationId::text
      AND "idempotencyKey" IN (SELECT "key" FROM input WHERE "key" IS NOT NULL)),
  fresh AS MATERIALIZED (
    SELECT * FROM input f WHERE f."key" IS NULL OR NOT EXISTS (SELECT 1 FROM prior p WHERE p."key" = f."key")),
  pairs AS MATERIALIZED (
    SELECT "eventId", "endpointId",
      substr(:hexNow, 1, 8) || '-' || substr(:hexNow, 9, 4) || '-7' || substr(r, 16, 3) || substr(r, 19) AS "id"
    FROM (SELECT f."id" AS "eventId", e."id" AS "endpointId", gen_random_uuid()::text AS r
      FROM fresh f JOIN "webhook_endpoints" e
        ON e."organizationId" = :organizationId::text AND e."enabled" AND ${WANTS_PG}) x),
  ev AS (
    INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "idempotencyKey", "response", "createdAt")
    SELECT f."id", :organizationId::text, f."type", f."objectType", f."objectId", f."body", f."key",
      CASE WHEN f."key" IS NULL THEN NULL ELSE json_build_object(
        'event', json_build_object('id', f."id", 'webhook_type', f."type", 'object_type', f."objectType", 'created_at', :createdAt::text),
        'webhooks', COALESCE((SELECT json_agg(json_build_object('id', p."id", 'endpoint_id', p."endpointId", 'status', 'pending') ORDER BY p."endpointId")
          FROM pairs p WHERE p."eventId" = f."id"), '[]'::json))::text END,
      :now::timestamp
    FROM fresh f
    ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING
    RETURNING "id"),
  wh AS (
    INSERT INTO "webhooks" ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT p."id", :organizationId::text, p."eventId", p."endpointId", f."type", f."objectType", f."objectId", 'pending', :now::timestamp, :now::timestamp, :now::timestamp
    FROM pairs p JOIN fresh f ON f."id" = p."eventId"
    WHERE p."eventId" IN (SELECT "id" FROM ev)
    RETURNING "id", "eventId", "endpointId")
  SELECT 'prior' AS "kind", "key" AS "id", NULL AS "eventId", NULL AS "endpointId", "response" FROM prior
  UNION ALL SELECT 'event', "id", NULL, NULL, NULL FROM ev
  UNION ALL SELECT 'webhook', "id", "eventId", "endpointId", NULL FROM wh`);

// SQLite: the same as four statements in one transaction (no data-modifying CTEs there). Ids are new, so an event
// of this batch exists only if this transaction inserted it.
const ITEMS_SQLITE = `SELECT json_extract(value, '$.id') AS "id", json_extract(value, '$.type') AS "type",
    json_extract(value, '$.objectType') AS "objectType", json_extract(value, '$.objectId') AS "objectId",
    json_extract(value, '$.body') AS "body", json_extract(value, '$.key') AS "key"
  FROM json_each(:items)`;
type SqliteParams = Omit<BatchParams, "createdAt" | "hexNow">;
const BATCH_SQLITE = {
  events: statement<SqliteParams, { id: string }>(`INSERT INTO "events"
      ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "idempotencyKey", "createdAt")
    SELECT "id", :organizationId, "type", "objectType", "objectId", "body", "key", :now FROM (${ITEMS_SQLITE}) WHERE true
    ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING RETURNING "id"`),
  webhooks: statement<
    Omit<BatchParams, "createdAt">,
    { id: string; eventId: string; endpointId: string }
  >(`INSERT INTO "webhooks"
      ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT substr(:hexNow, 1, 8) || '-' || substr(:hexNow, 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
      :organizationId, f."id", e."id", f."type", f."objectType", f."objectId", 'pending', :now, :now, :now
    FROM (${ITEMS_SQLITE}) f JOIN "webhook_endpoints" e
      ON e."organizationId" = :organizationId AND e."enabled"
        AND (e."eventTypes" IS NULL OR json_type(e."eventTypes") = 'null'
          OR (json_type(e."eventTypes") = 'array' AND EXISTS (SELECT 1 FROM json_each(e."eventTypes") WHERE value = f."type")))
    WHERE EXISTS (SELECT 1 FROM "events" WHERE "id" = f."id")
    RETURNING "id", "eventId", "endpointId"`),
  answers: statement<Pick<BatchParams, "items" | "createdAt">>(`UPDATE "events" SET "response" = json_object(
      'event', json_object('id', "id", 'webhook_type', "webhookType", 'object_type', "objectType", 'created_at', :createdAt),
      'webhooks', json((SELECT json_group_array(json_object('id', w."id", 'endpoint_id', w."endpointId", 'status', 'pending'))
        FROM (SELECT "id", "endpointId" FROM "webhooks" WHERE "eventId" = "events"."id" ORDER BY "endpointId") w)))
    WHERE "id" IN (SELECT json_extract(value, '$.id') FROM json_each(:items) WHERE json_extract(value, '$.key') IS NOT NULL)`),
};

/** The stored answers of keys already taken in the organization (events of other requests). */
const PRIOR = statement<
  { organizationId: string; keys: string; exclude: string },
  { key: string; response: string | null }
>(`SELECT "idempotencyKey" AS "key", "response" FROM "events"
  WHERE "organizationId" = :organizationId
    AND "idempotencyKey" IN (SELECT value FROM json_each(:keys))
    AND "id" NOT IN (SELECT value FROM json_each(:exclude))`);
const PRIOR_PG = statement<{ organizationId: string; keys: string }, { key: string; response: string | null }>(
  `SELECT "idempotencyKey" AS "key", "response" FROM "events"
  WHERE "organizationId" = :organizationId::text AND "idempotencyKey" IN (SELECT json_array_elements_text(:keys::json))`,
);

/** Validates every event of the batch; all problems at once, named `<index>.<field>`, or none. */
function prepare(
  organizationId: string,
  inputs: readonly EmitInput[],
  now: number,
): { items: Item[]; firstOf: number[] } {
  const problems: FieldErrors = Object.create(null);
  if (inputs.length === 0) problems.base = ["Send at least one event."];
  if (inputs.length > MAX_BATCH_EVENTS) problems.base = [`A batch holds at most ${MAX_BATCH_EVENTS} events.`];
  if (problems.base) throw new AppError(AppErrorCode.InvalidInput, problems.base[0], { fieldErrors: problems });

  const items: Item[] = [];
  // The index of the event whose answer each one gets: itself, or the first of the batch with its key.
  const firstOf: number[] = [];
  const keyIndex = new Map<string, number>();
  inputs.forEach((input, index) => {
    const parsed = emitInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) (problems[[index, ...issue.path].join(".")] ??= []).push(issue.message);
      return;
    }
    const { webhookType, objectType, object, idempotencyKey } = parsed.data;
    let body: string;
    try {
      // Lago's envelope, as emit.ts writes it: the organization after the types, then the object under its type.
      body = JSON.stringify({
        webhook_type: webhookType,
        object_type: objectType,
        organization_id: organizationId,
        [objectType]: object,
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      (problems[`${index}.object`] ??= []).push("The object is nested too deeply.");
      return;
    }
    const key = idempotencyKey ?? null;
    const first = key === null ? undefined : keyIndex.get(key);
    firstOf[index] = first ?? index;
    if (first !== undefined) return;
    if (key !== null) keyIndex.set(key, index);
    items[index] = { id: uuidv7(now), type: webhookType, objectType, objectId: objectIdOf(object), body, key };
  });
  if (Object.keys(problems).length)
    throw new AppError(AppErrorCode.InvalidInput, "Some events of the batch are not valid.", { fieldErrors: problems });
  return { items, firstOf };
}

type Written = {
  /** Stored answers by idempotency key, for keys other requests took. */
  prior: Map<string, EmitResult>;
  /** The events this batch wrote, by id, with their webhooks. */
  written: Map<string, { id: string; endpointId: string }[]>;
};

async function writePg(db: Db, organizationId: string, items: Item[], now: Date): Promise<Written> {
  const rows = await queryRows(db, BATCH_PG, {
    organizationId,
    items: JSON.stringify(items.filter(Boolean)),
    hexNow: uuidv7TimeHex(now.getTime()),
    now,
    createdAt: now.toISOString(),
  });
  const prior = new Map<string, EmitResult>();
  const written = new Map<string, { id: string; endpointId: string }[]>();
  for (const row of rows) {
    if (row.kind === "prior" && row.response) prior.set(row.id, JSON.parse(row.response) as EmitResult);
    else if (row.kind === "event") written.set(row.id, []);
  }
  for (const row of rows) {
    if (row.kind === "webhook") written.get(row.eventId!)?.push({ id: row.id, endpointId: row.endpointId! });
  }
  return { prior, written };
}

async function writeSqlite(db: Db, organizationId: string, items: Item[], now: Date): Promise<Written> {
  const list = items.filter(Boolean);
  const json = JSON.stringify(list);
  const keys = JSON.stringify(list.flatMap((item) => (item.key === null ? [] : [item.key])));
  const ids = JSON.stringify(list.map((item) => item.id));
  const [events, webhooks, , priorRows] = await db.$transaction([
    queryRows(db, BATCH_SQLITE.events, { organizationId, items: json, now }),
    queryRows(db, BATCH_SQLITE.webhooks, {
      organizationId,
      items: json,
      now,
      hexNow: uuidv7TimeHex(now.getTime()),
    }),
    execute(db, BATCH_SQLITE.answers, { items: json, createdAt: now.toISOString() }),
    queryRows(db, PRIOR, { organizationId, keys, exclude: ids }),
  ]);
  const written = new Map<string, { id: string; endpointId: string }[]>(events.map((e) => [e.id, []]));
  for (const w of webhooks) written.get(w.eventId)?.push({ id: w.id, endpointId: w.endpointId });
  const prior = new Map<string, EmitResult>();
  for (const row of priorRows) if (row.response) prior.set(row.key, JSON.parse(row.response) as EmitResult);
  return { prior, written };
}

const byEndpoint = (a: { endpointId: string }, b: { endpointId: string }) =>
  a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0;

/**
 * Emits a batch of events for an organization: validated as a whole (an AppError naming `<index>.<field>` of every
 * problem, and nothing written), then written at once, each event with one webhook per enabled endpoint that wants
 * its type. Answers one result per event, in order. An idempotency key already used (by an earlier request, or by an
 * earlier event of this batch) writes nothing and answers that event's first result.
 */
export async function emitEvents(
  scope: OrgScope,
  inputs: readonly EmitInput[],
  opts: { db?: Db } = {},
): Promise<EmitResult[]> {
  const nowMs = Date.now();
  const { organizationId } = orgScope(scope);
  const { items, firstOf } = prepare(organizationId, inputs, nowMs);
  const db = opts.db ?? getDb();
  const now = new Date(nowMs);
  const write = dbProvider() === "postgresql" ? writePg : writeSqlite;
  const { prior, written } = await write(db, organizationId, items, now);

  // A key another request was writing at the same moment: its answer, committed by now.
  const missing = items.filter((item) => item && !written.has(item.id) && item.key !== null && !prior.has(item.key));
  if (missing.length) {
    const keys = JSON.stringify(missing.map((item) => item.key));
    const rows =
      dbProvider() === "postgresql"
        ? await queryRows(db, PRIOR_PG, { organizationId, keys })
        : await queryRows(db, PRIOR, { organizationId, keys, exclude: "[]" });
    for (const row of rows) if (row.response) prior.set(row.key, JSON.parse(row.response) as EmitResult);
  }

  const createdAt = now.toISOString();
  const answerOf = (item: Item): EmitResult => {
    const webhooks = written.get(item.id);
    if (webhooks) {
      return {
        event: { id: item.id, webhook_type: item.type, object_type: item.objectType, created_at: createdAt },
        webhooks: webhooks.sort(byEndpoint).map((w) => ({ id: w.id, endpoint_id: w.endpointId, status: "pending" })),
      };
    }
    const stored = item.key === null ? undefined : prior.get(item.key);
    if (!stored) throw new Error("An event with this idempotency key is being written; try again.");
    return stored;
  };
  const answers = items.map((item) => (item ? answerOf(item) : undefined));
  if ([...written.values()].some((webhooks) => webhooks.length)) wakeWorker();
  return firstOf.map((first) => answers[first]!);
}
