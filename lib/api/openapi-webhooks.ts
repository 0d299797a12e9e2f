import { z } from "zod";
import { replayInputSchema } from "@/lib/webhooks/replay";
import { idSchema } from "@/lib/webhooks/schemas";
import { EXAMPLE_ENDPOINT_ID, EXAMPLE_WEBHOOK_ID } from "./openapi-examples";
import { webhookStatusSchema } from "./openapi-events";
import { describeFields } from "./openapi-fields";

// Webhooks in the document: one delivery's retry, the replay of an endpoint's failures, the key that verifies JWT
// signatures.

export const webhookIdParamsSchema = z.object({
  id: idSchema.meta({
    description: "The webhook's id (the `X-Lago-Unique-Key` of its deliveries).",
    example: EXAMPLE_WEBHOOK_ID,
  }),
});

export const replayRequestDoc = describeFields(replayInputSchema, {
  since: {
    description: "Re-send the failed and retrying webhooks created since this time (ISO 8601, at most 14 days back).",
  },
});

export const retryAnswerSchema = z
  .object({
    webhook: z
      .object({
        id: z.string().meta({ description: "The webhook's id, its deliveries' `X-Lago-Unique-Key`." }),
        endpoint_id: z.string().meta({ description: "The endpoint it goes to." }),
        webhook_type: z.string().meta({ description: "The event's type." }),
        status: webhookStatusSchema,
        retries: z.number().int().meta({ description: "Attempts after the first; this one will count too." }),
      })
      .meta({ description: "The webhook, due now." }),
  })
  .meta({
    id: "RetryAnswer",
    example: {
      webhook: {
        id: EXAMPLE_WEBHOOK_ID,
        endpoint_id: EXAMPLE_ENDPOINT_ID,
        webhook_type: "invoice.created",
        status: "retrying",
        retries: 3,
      },
    },
  });

export const replayAnswerSchema = z
  .object({
    replay: z
      .object({
        count: z.number().int().meta({ description: "Failed webhooks made due now." }),
        since: z.iso.datetime().meta({ description: "The time they were created since." }),
      })
      .meta({ description: "The replay started." }),
  })
  .meta({ id: "ReplayAnswer", example: { replay: { count: 12, since: "2026-11-26T09:00:00.000Z" } } });

const EXAMPLE_PUBLIC_KEY =
  "LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUlJQklqQU5CZ2txaGtpRzl3MEJBUUVGQUFPQ0FROEFNSUlCQ2dLQ0FRRUEuLi4KLS0tLS1FTkQgUFVCTElDIEtFWS0tLS0tCg==";

export const publicKeyTextSchema = z.string().meta({
  description: "Base64 of the PEM of the RSA public key that verifies JWT signatures.",
  example: EXAMPLE_PUBLIC_KEY,
});

export const jsonPublicKeySchema = z
  .object({
    webhook: z
      .object({
        public_key: z.string().meta({ description: "Base64 of the PEM of the current public key." }),
        previous_public_key: z
          .string()
          .optional()
          .meta({ description: "After a key rotation, until the overlap ends: the old key." }),
        previous_expires_at: z.iso.datetime().optional().meta({ description: "When the old key stops being served." }),
      })
      .meta({ description: "The key (Lago's shape)." }),
  })
  .meta({ id: "JsonPublicKey", example: { webhook: { public_key: EXAMPLE_PUBLIC_KEY } } });
