import { z } from "zod";
import { LAGO_WEBHOOK_TYPES, WEBHOOK_TYPE_PATTERN, webhookTypeSchema } from "./event-types";

export const MAX_URL_LENGTH = 2048;
export const SIGNATURE_ALGO_VALUES = ["jwt", "hmac", "standard"] as const;
/** The object id (`lago_id`, else `id`) is the log's search key, so it is indexed: at most this many characters. */
export const MAX_OBJECT_ID_LENGTH = 255;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** The keys of a webhook's envelope (Lago's, `organization_id` included): an object type may not overwrite them. */
export const ENVELOPE_KEYS = ["webhook_type", "object_type", "organization_id"] as const;

// Control characters (NUL above all: PostgreSQL text cannot hold it) have no place in a URL, a name or a reason.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const noControlCharacters = (what: string) =>
  [(value: string) => !CONTROL_CHARACTERS.test(value), `${what} must not contain control characters.`] as const;

// Half of a UTF-16 surrogate pair cannot be written as UTF-8: a database would keep replacement bytes, not the text.
const LONE_SURROGATE = /\p{Cs}/u;
export const wellFormedText = (what: string) =>
  [
    (value: string) => !LONE_SURROGATE.test(value),
    `${what} must be valid Unicode text (it holds half of a character).`,
  ] as const;

/** UTF-8 size: PostgreSQL refuses a btree entry over about 2,700 bytes, whatever the number of characters. */
export const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** A webhook URL: http(s) only, at most 2,048 characters and bytes (it is a unique index), no user:password@. */
export const webhookUrlSchema = z
  .string({ message: "Enter the webhook URL." })
  .trim()
  .min(1, "Enter the webhook URL.")
  .max(MAX_URL_LENGTH, `The webhook URL must be at most ${MAX_URL_LENGTH.toLocaleString("en-US")} characters.`)
  .refine(
    (value) => utf8Bytes(value) <= MAX_URL_LENGTH,
    `The webhook URL must be at most ${MAX_URL_LENGTH.toLocaleString("en-US")} bytes in UTF-8 (a character beyond ASCII counts 2 to 4).`,
  )
  .refine(...noControlCharacters("The webhook URL"))
  .refine(...wellFormedText("The webhook URL"))
  .refine((value) => {
    const url = parsedUrl(value);
    return url !== null && (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  }, "The webhook URL must be a valid http:// or https:// address.")
  .refine((value) => {
    const url = parsedUrl(value);
    return url === null || (url.username === "" && url.password === "");
  }, "The webhook URL must not contain a user name or password (user:password@): they would be stored and shown in clear. Receivers check the signature instead.");

export const signatureAlgoSchema = z.enum(SIGNATURE_ALGO_VALUES, {
  message: "Choose a signature: JWT, HMAC or Standard Webhooks.",
});

/** Event-type names look like `noun.verb` (`invoice.created`). */
export const eventTypeNameSchema = z
  .string()
  .max(100, "An event type is at most 100 characters.")
  .regex(WEBHOOK_TYPE_PATTERN, "An event type looks like noun.verb, e.g. invoice.created.");

/** null: every type. Otherwise the chosen types, at least one. */
export const eventTypesSchema = z
  .array(eventTypeNameSchema)
  .min(1, "Choose at least one event type, or all of them.")
  .max(500)
  .transform((types) => [...new Set(types)])
  .nullable();

/** A name, or null: blank clears it. */
const endpointNameSchema = z
  .string()
  .trim()
  .max(100, "The name must be at most 100 characters.")
  .refine(...noControlCharacters("The name"))
  .refine(...wellFormedText("The name"))
  .nullable()
  .transform((name) => name || null);

const endpointFields = {
  url: webhookUrlSchema,
  signatureAlgo: signatureAlgoSchema,
  name: endpointNameSchema,
  eventTypes: eventTypesSchema,
  /** Deliveries carry a W3C `traceparent` header when tracing is on (receivers may not want it: off by default). */
  sendTraceparent: z.boolean({ error: "Must be true or false." }),
};

/** A new endpoint: without a name it has none; without event types it receives every type. */
export const endpointInputSchema = z.strictObject({
  ...endpointFields,
  name: endpointNameSchema.optional().transform((name) => name ?? null),
  eventTypes: eventTypesSchema.optional().transform((types) => types ?? null),
  sendTraceparent: endpointFields.sendTraceparent.optional().transform((send) => send ?? false),
});
export type EndpointInput = z.input<typeof endpointInputSchema>;

/** A change: only the fields given change. No defaults here: a default would overwrite what is stored. */
export const endpointUpdateSchema = z.strictObject(endpointFields).partial();
export type EndpointUpdate = z.input<typeof endpointUpdateSchema>;

/** Every id a caller hands over (a path, a form, a cursor): ours are UUIDs, so letters, digits, "-" and "_". */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "This id is not valid.");

/** Whether a value can be one of our ids at all; one that cannot is simply not found. */
export const isId = (value: unknown): value is string => idSchema.safeParse(value).success;

// Years 0001 to 9999 (and the exclusive end of the last day): what ISO 8601 writes with four digits, and what
// PostgreSQL, SQLite and JavaScript all hold (year 0 and JavaScript's -271821 are 500s on PostgreSQL).
export const EARLIEST_INSTANT = new Date("0001-01-01T00:00:00.000Z");
export const LATEST_INSTANT = new Date("9999-12-31T23:59:59.999Z");
export const INSTANT_FORMAT = "must be an ISO 8601 date and time, e.g. 2026-11-26T09:00:00Z";
export const INSTANT_RANGE = "must be between the years 0001 and 9999";

export const instantInRange = (date: Date) =>
  date.getTime() >= EARLIEST_INSTANT.getTime() && date.getTime() <= LATEST_INSTANT.getTime();

/** Every instant a caller hands over (filters, cursors, replays): ISO 8601 with Z or an offset, years 0001-9999. */
export const instantSchema = z
  .string({ error: INSTANT_FORMAT })
  .max(40, INSTANT_FORMAT)
  .pipe(z.iso.datetime({ offset: true, error: INSTANT_FORMAT }))
  .transform((value) => new Date(value))
  .refine(instantInRange, INSTANT_RANGE);

/**
 * What `object.lago_id ?? object.id` makes the event's search key (the body keeps the object as sent): NUL, which
 * PostgreSQL text cannot hold, is dropped, and half a surrogate pair becomes U+FFFD, as UTF-8 would store it.
 */
export function objectIdOf(object: Record<string, unknown>): string | null {
  const raw =
    Object.hasOwn(object, "lago_id") && object.lago_id != null
      ? object.lago_id
      : Object.hasOwn(object, "id")
        ? object.id
        : undefined;
  return typeof raw === "string" || typeof raw === "number"
    ? String(raw)
        .replace(/\u0000/g, "")
        .toWellFormed()
    : null;
}

/**
 * The object as sent: checked, never rebuilt (a record schema copies keys by assignment, and a key named
 * `__proto__` would vanish), so what was sent is what is delivered.
 */
const eventObjectSchema = z
  .custom<Record<string, unknown>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    "must be a JSON object",
  )
  .superRefine((object, context) => {
    const id = objectIdOf(object);
    if (id !== null && id.length > MAX_OBJECT_ID_LENGTH) {
      context.addIssue({
        code: "custom",
        path: [Object.hasOwn(object, "lago_id") && object.lago_id != null ? "lago_id" : "id"],
        message: `An object id is at most ${MAX_OBJECT_ID_LENGTH} characters (it is the key the log is searched by).`,
      });
    }
  })
  // A custom check has no JSON schema of its own: the OpenAPI document's.
  .meta({ type: "object", additionalProperties: true });

/** An event, from the API or the dashboard: the type, the object type (not an envelope key) and the object. */
export const emitInputSchema = z
  .object({
    webhookType: webhookTypeSchema,
    objectType: z
      .string()
      .max(100, "An object type is at most 100 characters.")
      .regex(/^[a-z][a-z0-9_]*$/, 'An object type is lower case letters, digits and "_", e.g. "invoice".')
      .refine(
        (type) => !(ENVELOPE_KEYS as readonly string[]).includes(type),
        `An object type cannot be ${ENVELOPE_KEYS.map((key) => `"${key}"`).join(", ")}: the object would overwrite that key of the webhook.`,
      ),
    object: eventObjectSchema,
    idempotencyKey: z
      .string()
      .min(1)
      .max(MAX_IDEMPOTENCY_KEY_LENGTH, `An Idempotency-Key is at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`)
      .refine((key) => !key.includes("\u0000"), "An Idempotency-Key cannot contain NUL.")
      .nullish(),
  })
  .strict();

export type EmitInput = z.input<typeof emitInputSchema>;

/** The most events one `POST /events/batch` may hold (the body limit, HOOKLINE_MAX_BODY_BYTES, may stop it sooner). */
export const MAX_BATCH_EVENTS = 1000;

export const MAX_DISABLED_REASON_LENGTH = 200;

/** "Disable endpoint": the reason is optional (the action records who disabled it when none is typed). */
export const disableEndpointSchema = z.strictObject({
  endpointId: idSchema,
  reason: z
    .string()
    .trim()
    .max(MAX_DISABLED_REASON_LENGTH, `The reason must be at most ${MAX_DISABLED_REASON_LENGTH} characters.`)
    .refine(...noControlCharacters("The reason"))
    .refine(...wellFormedText("The reason"))
    .nullish()
    .transform((reason) => reason || null),
});

// The dashboard's actions name what they act on.

/** Enable, delete, reveal or rotate the secret of one endpoint. */
export const endpointRefSchema = z.strictObject({ endpointId: idSchema });

/** "Edit": the endpoint and the fields that change. */
export const endpointEditSchema = endpointUpdateSchema.extend({ endpointId: idSchema });

/** "Retry" on one event of an endpoint's log (scoped to the endpoint: another endpoint's event is not found). */
export const webhookRefSchema = z.strictObject({ endpointId: idSchema, webhookId: idSchema });

/** "Send test event": a type of the catalogue, to one endpoint. */
export const sendTestEventSchema = z.strictObject({
  endpointId: idSchema,
  webhookType: z.enum(LAGO_WEBHOOK_TYPES, { message: "Choose an event type from the list." }),
});
