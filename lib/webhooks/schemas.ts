import { z } from "zod";

export const MAX_URL_LENGTH = 2048;
export const SIGNATURE_ALGO_VALUES = ["jwt", "hmac", "standard"] as const;

// Control characters (NUL above all: PostgreSQL text cannot hold it) have no place in a URL, a name or a reason.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const noControlCharacters = (what: string) =>
  [(value: string) => !CONTROL_CHARACTERS.test(value), `${what} must not contain control characters.`] as const;

/** A webhook URL: http(s) only, at most 2,048 characters. */
export const webhookUrlSchema = z
  .string({ message: "Enter the webhook URL." })
  .trim()
  .min(1, "Enter the webhook URL.")
  .max(MAX_URL_LENGTH, `The webhook URL must be at most ${MAX_URL_LENGTH.toLocaleString("en-US")} characters.`)
  .refine(...noControlCharacters("The webhook URL"))
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "The webhook URL must be a valid http:// or https:// address.");

export const signatureAlgoSchema = z.enum(SIGNATURE_ALGO_VALUES, {
  message: "Choose a signature: JWT, HMAC or Standard Webhooks.",
});

/** Event-type names look like `noun.verb` (`invoice.created`). */
export const eventTypeNameSchema = z
  .string()
  .max(100, "An event type is at most 100 characters.")
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "An event type looks like noun.verb, e.g. invoice.created.");

/** null: every type. Otherwise the chosen types, at least one. */
export const eventTypesSchema = z
  .array(eventTypeNameSchema)
  .min(1, "Choose at least one event type, or all of them.")
  .max(500)
  .transform((types) => [...new Set(types)])
  .nullable();

export const endpointInputSchema = z.strictObject({
  url: webhookUrlSchema,
  signatureAlgo: signatureAlgoSchema,
  name: z
    .string()
    .trim()
    .max(100, "The name must be at most 100 characters.")
    .refine(...noControlCharacters("The name"))
    .nullish()
    .transform((name) => name || null),
  eventTypes: eventTypesSchema.optional().default(null),
});
export type EndpointInput = z.input<typeof endpointInputSchema>;

export const endpointUpdateSchema = endpointInputSchema.partial();
export type EndpointUpdate = z.input<typeof endpointUpdateSchema>;

export const idSchema = z.string().min(1).max(64);

export const MAX_DISABLED_REASON_LENGTH = 200;

/** "Disable endpoint": the reason is optional (the action records who disabled it when none is typed). */
export const disableEndpointSchema = z.strictObject({
  endpointId: idSchema,
  reason: z
    .string()
    .trim()
    .max(MAX_DISABLED_REASON_LENGTH, `The reason must be at most ${MAX_DISABLED_REASON_LENGTH} characters.`)
    .refine(...noControlCharacters("The reason"))
    .nullish()
    .transform((reason) => reason || null),
});
