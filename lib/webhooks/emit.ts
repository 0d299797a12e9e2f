import { dbProvider, getDb, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { uuidv7, uuidv7TimeHex } from "@/lib/db/ids";
import { execute, queryRows, statement } from "@/lib/db/sql";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { wakeWorker } from "./delivery/loop";
import { emitInputSchema, objectIdOf, type EmitInput } from "./schemas";

export { emitInputSchema, type EmitInput };

export type EmitResult = {
  event: { id: string; webhook_type: string; object_type: string; created_at: string };
  webhooks: { id: string; endpoint_id: string; status: string }[];
};

async function storedAnswer(db: Db, organizationId: string, idempotencyKey: string): Promise<EmitResult | null> {
  const event = await db.event.findUnique({
    where: { organizationId_idempotencyKey: { organizationId, idempotencyKey } },
    select: { response: true },
  });
  return event?.response ? (JSON.parse(event.response) as EmitResult) : null;
}

// Fan-out in one statement: the event, one webhook per enabled endpoint of the organization that wants the type, and
// (with an Idempotency-Key) the stored answer; keys are the organization's own. A repeated key inserts nothing (ON CONFLICT) and the first answer is read.
// Webhook ids are UUIDv7 of the emit's millisecond (`:hexNow`, its 12 hex digits) with random bits, as Prisma's would be.
type FanOutParams = {
  organizationId: string;
  id: string;
  type: string;
  objectType: string;
  objectId: string | null;
  body: string;
  idempotencyKey: string | null;
  hexNow: string;
  now: Date;
  /** `now` as ISO text: the answer's created_at. */
  createdAt: string;
};
const WANTS_PG = `("eventTypes" IS NULL OR jsonb_typeof("eventTypes") = 'null'
  OR (jsonb_typeof("eventTypes") = 'array' AND "eventTypes" @> jsonb_build_array(:type::text)))`;
const FAN_OUT = {
  postgresql: statement<FanOutParams, { kind: string; id: string; endpointId: string | null }>(`WITH
      eps AS MATERIALIZED (
        SELECT "id" AS "endpointId", substr(:hexNow, 1, 8) || '-' || substr(:hexNow, 9, 4) || '-7' || substr(r, 16, 3) || substr(r, 19) AS "id"
        FROM (SELECT "id", gen_random_uuid()::text AS r FROM "webhook_endpoints" WHERE "organizationId" = :organizationId::text AND "enabled" AND ${WANTS_PG}) e),
      ev AS (
        INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "idempotencyKey", "response", "createdAt")
        VALUES (:id::text, :organizationId::text, :type::text, :objectType::text, :objectId::text, :body::text, :idempotencyKey::text, CASE WHEN :idempotencyKey::text IS NULL THEN NULL ELSE json_build_object(
            'event', json_build_object('id', :id::text, 'webhook_type', :type::text, 'object_type', :objectType::text, 'created_at', :createdAt::text),
            'webhooks', COALESCE((SELECT json_agg(json_build_object('id', "id", 'endpoint_id', "endpointId", 'status', 'pending') ORDER BY "endpointId") FROM eps), '[]'::json)
          )::text END, :now::timestamp)
        ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING
        RETURNING "id"),
      wh AS (
        INSERT INTO "webhooks" ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status", "nextAttemptAt", "createdAt", "updatedAt")
        SELECT eps."id", :organizationId::text, :id::text, eps."endpointId", :type::text, :objectType::text, :objectId::text, 'pending', :now::timestamp, :now::timestamp, :now::timestamp FROM eps WHERE EXISTS (SELECT 1 FROM ev)
        RETURNING "id", "endpointId")
    SELECT 'event' AS "kind", "id", NULL AS "endpointId" FROM ev UNION ALL SELECT 'webhook', "id", "endpointId" FROM wh`),
  // SQLite: the same in one short transaction of three statements (no data-modifying CTEs there).
  sqlite: {
    event: statement<
      Omit<FanOutParams, "hexNow" | "createdAt">,
      { id: string }
    >(`INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "idempotencyKey", "createdAt")
      VALUES (:id, :organizationId, :type, :objectType, :objectId, :body, :idempotencyKey, :now) ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING RETURNING "id"`),
    webhooks: statement<
      Omit<FanOutParams, "body" | "idempotencyKey" | "createdAt">,
      { id: string; endpointId: string }
    >(`INSERT INTO "webhooks" ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT substr(hex_now, 1, 8) || '-' || substr(hex_now, 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
          substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
        :organizationId, :id, e."id", :type, :objectType, :objectId, 'pending', :now, :now, :now
      FROM "webhook_endpoints" e, (SELECT :hexNow AS hex_now)
      WHERE EXISTS (SELECT 1 FROM "events" WHERE "id" = :id) AND e."organizationId" = :organizationId AND e."enabled"
        AND (e."eventTypes" IS NULL OR json_type(e."eventTypes") = 'null'
          OR (json_type(e."eventTypes") = 'array' AND EXISTS (SELECT 1 FROM json_each(e."eventTypes") WHERE value = :type)))
      RETURNING "id", "endpointId"`),
    answer: statement<
      Pick<FanOutParams, "id" | "type" | "objectType" | "createdAt"> & { idempotencyKey: string }
    >(`UPDATE "events" SET "response" = json_object(
        'event', json_object('id', :id, 'webhook_type', :type, 'object_type', :objectType, 'created_at', :createdAt),
        'webhooks', json((SELECT json_group_array(json_object('id', "id", 'endpoint_id', "endpointId", 'status', 'pending'))
          FROM (SELECT "id", "endpointId" FROM "webhooks" WHERE "eventId" = :id ORDER BY "endpointId"))))
      WHERE "id" = :id AND "idempotencyKey" = :idempotencyKey`),
  },
};

type FanOut = { id: string; webhooks: { id: string; endpointId: string }[] } | "conflict";

/** Writes the event and its webhooks; "conflict" when the idempotency key is taken. */
async function fanOut(
  db: Db,
  organizationId: string,
  row: {
    webhookType: string;
    objectType: string;
    objectId: string | null;
    body: string;
    idempotencyKey: string | null;
    now: Date;
  },
): Promise<FanOut> {
  const { webhookType: type, objectType, objectId, body, idempotencyKey, now } = row;
  const id = uuidv7(now.getTime());
  const hexNow = uuidv7TimeHex(now.getTime());
  const byEndpoint = (a: { endpointId: string }, b: { endpointId: string }) =>
    a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0;
  if (dbProvider() === "postgresql") {
    const rows = await queryRows(db, FAN_OUT.postgresql, {
      organizationId,
      id,
      type,
      objectType,
      objectId,
      body,
      idempotencyKey,
      hexNow,
      now,
      createdAt: now.toISOString(),
    });
    if (!rows.some((r) => r.kind === "event")) return "conflict";
    const webhooks = rows
      .filter((r) => r.kind === "webhook")
      .map((r) => ({ id: r.id, endpointId: r.endpointId as string }));
    return { id, webhooks: webhooks.sort(byEndpoint) };
  }
  const sql = FAN_OUT.sqlite;
  const [event, webhooks] = await db.$transaction([
    queryRows(db, sql.event, { organizationId, id, type, objectType, objectId, body, idempotencyKey, now }),
    queryRows(db, sql.webhooks, { organizationId, id, type, objectType, objectId, now, hexNow }),
    ...(idempotencyKey
      ? [execute(db, sql.answer, { id, type, objectType, createdAt: now.toISOString(), idempotencyKey })]
      : []),
  ]);
  if (!event.length) return "conflict";
  return { id, webhooks: [...webhooks].sort(byEndpoint) };
}

/** The event's body; an object nested too deeply for JSON.stringify (thousands of levels) is the caller's error. */
function serialise(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = "The object is nested too deeply.";
    throw new AppError(AppErrorCode.InvalidInput, message, { fieldErrors: { object: [message] } });
  }
}

/**
 * Emits an event in an organization: the event and one webhook per enabled endpoint of it that wants its type are
 * written together, then the worker is woken. A repeated idempotency key (per organization) returns the first answer
 * and writes nothing. `onlyEndpointId` sends to that endpoint alone, whatever its filter ("Send test event").
 */
export async function emitEvent(
  scope: OrgScope,
  input: EmitInput,
  opts: { onlyEndpointId?: string; db?: Db } = {},
): Promise<EmitResult> {
  const { organizationId } = orgScope(scope);
  const { webhookType, objectType, object, idempotencyKey } = parseInput(emitInputSchema, input);
  const db = opts.db ?? getDb();
  if (idempotencyKey) {
    const previous = await storedAnswer(db, organizationId, idempotencyKey);
    if (previous) return previous;
  }

  // Serialised once: these exact bytes are signed and sent to every endpoint. Lago's envelope: the organization
  // after the types, then the object under its type.
  const body = serialise({
    webhook_type: webhookType,
    object_type: objectType,
    organization_id: organizationId,
    [objectType]: object,
  });
  // The id is a search key, bounded by the schema; the body keeps the object exactly as sent.
  const objectId = objectIdOf(object);
  const now = new Date();

  let result: EmitResult;
  try {
    if (opts.onlyEndpointId) {
      result = await emitToOne(db, organizationId, opts.onlyEndpointId, {
        webhookType,
        objectType,
        objectId,
        body,
        idempotencyKey: idempotencyKey ?? null,
        now,
      });
    } else {
      const written = await fanOut(db, organizationId, {
        webhookType,
        objectType,
        objectId,
        body,
        idempotencyKey: idempotencyKey ?? null,
        now,
      });
      if (written === "conflict") {
        // Another request with this key was first: its answer, once committed, is the answer.
        const previous = idempotencyKey ? await storedAnswer(db, organizationId, idempotencyKey) : null;
        if (!previous) throw new Error("An event with this Idempotency-Key is being written; try again.");
        return previous;
      }
      result = {
        event: { id: written.id, webhook_type: webhookType, object_type: objectType, created_at: now.toISOString() },
        webhooks: written.webhooks.map((w) => ({ id: w.id, endpoint_id: w.endpointId, status: "pending" })),
      };
    }
  } catch (error) {
    // Two requests with one key raced: the loser answers with the winner's stored answer.
    if (idempotencyKey && isUniqueViolation(error)) {
      const previous = await storedAnswer(db, organizationId, idempotencyKey);
      if (previous) return previous;
    }
    throw error;
  }
  if (result.webhooks.length) wakeWorker();
  return result;
}

/** "Send test event": the event and one webhook to one endpoint (which must exist and be enabled), in a transaction. */
async function emitToOne(
  db: Db,
  organizationId: string,
  endpointId: string,
  row: {
    webhookType: string;
    objectType: string;
    objectId: string | null;
    body: string;
    idempotencyKey: string | null;
    now: Date;
  },
): Promise<EmitResult> {
  const { webhookType, objectType, objectId, body, idempotencyKey, now } = row;
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({
      where: { organizationId, id: endpointId },
      select: { id: true, enabled: true },
    });
    if (!endpoint) throw new AppError(AppErrorCode.NotFound, "Webhook endpoint not found.");
    if (!endpoint.enabled)
      throw new AppError(AppErrorCode.Conflict, "This endpoint is disabled; enable it to send it a test event.");
    const event = await tx.event.create({
      data: { organizationId, webhookType, objectType, objectId, body, idempotencyKey, createdAt: now },
      select: { id: true, createdAt: true },
    });
    const webhooks = await tx.webhook.createManyAndReturn({
      data: [
        {
          organizationId,
          eventId: event.id,
          endpointId: endpoint.id,
          webhookType,
          objectType,
          objectId,
          status: "pending",
          nextAttemptAt: now,
          createdAt: now,
        },
      ],
      select: { id: true, endpointId: true, status: true },
    });
    const answer: EmitResult = {
      event: {
        id: event.id,
        webhook_type: webhookType,
        object_type: objectType,
        created_at: event.createdAt.toISOString(),
      },
      webhooks: webhooks.map((w) => ({ id: w.id, endpoint_id: w.endpointId, status: w.status })),
    };
    if (idempotencyKey) await tx.event.update({ where: { id: event.id }, data: { response: JSON.stringify(answer) } });
    return answer;
  });
}
