import { z } from "zod";
import { eventBatchRequestSchema, eventRequestSchema } from "@/lib/api/lago";
import { emitInputSchema, type EmitResult } from "@/lib/webhooks/emit";
import { MAX_BATCH_EVENTS } from "@/lib/webhooks/schemas";
import { EXAMPLE_ENDPOINT_ID, EXAMPLE_EVENT_ID, EXAMPLE_WEBHOOK_ID, exampleObject } from "./openapi-examples";
import { describeFields, type SameKeys } from "./openapi-fields";

// Events in the document: `POST /events` and `POST /events/batch`, their idempotency key, and what they answer.

export const idempotencyHeadersSchema = z.object({
  // The route reads the header (absent or empty: none), then emitEvent validates it as this schema.
  "Idempotency-Key": emitInputSchema.shape.idempotencyKey.unwrap().unwrap().optional().meta({
    description: "Any string up to 255 characters. A repeated key returns the first answer and sends nothing twice.",
    example: "invoice-inv_001-created",
  }),
});

/** `POST /events`: exactly the schema the route parses. */
export const eventRequestDoc = eventRequestSchema.extend({
  event: describeFields(eventRequestSchema.shape.event, {
    webhook_type: {
      description: "A `noun.verb` type, Lago's (`invoice.created`) or your own.",
      example: "invoice.created",
    },
    object_type: {
      description:
        'Names the key the object is delivered under (`invoice` -> `"invoice": {...}`); not a key of the envelope (`webhook_type`, `object_type`, `organization_id`).',
      example: "invoice",
    },
    object: {
      description:
        "The object, delivered as is. Its `lago_id` (or `id`), at most 255 characters, is what the log searches by.",
      example: exampleObject,
    },
  }).meta({ description: "The event to send to every enabled endpoint whose event types include `webhook_type`." }),
});

/** `POST /events/batch`: exactly the schema the route parses. */
export const eventBatchRequestDoc = eventBatchRequestSchema.extend({
  events: eventBatchRequestSchema.shape.events
    .unwrap()
    .extend({
      ...eventRequestDoc.shape.event.shape,
      idempotency_key: eventBatchRequestSchema.shape.events.unwrap().shape.idempotency_key.meta({
        description:
          "Optional, up to 255 characters, shared with the Idempotency-Key of `POST /events`: a key already used (earlier, or by an earlier event of this batch) writes nothing and answers that event's first result.",
        example: "invoice-inv_001-created",
      }),
    })
    .array()
    .min(1)
    .max(MAX_BATCH_EVENTS)
    .meta({
      description: `1 to ${MAX_BATCH_EVENTS.toLocaleString("en-US")} events, each as \`POST /events\` takes it.`,
    }),
});

export const webhookStatusSchema = z.enum(["pending", "retrying", "succeeded", "failed"]).meta({
  description: "`pending` (never tried), `retrying` (another attempt is due), `succeeded`, `failed` (no attempt left).",
});

/** What `POST /events` answers, for the examples of both routes. */
const exampleEmitResult = {
  event: {
    id: EXAMPLE_EVENT_ID,
    webhook_type: "invoice.created",
    object_type: "invoice",
    created_at: "2026-11-26T09:00:00.000Z",
  },
  webhooks: [{ id: EXAMPLE_WEBHOOK_ID, endpoint_id: EXAMPLE_ENDPOINT_ID, status: "pending" }],
};

export const emitResultSchema = z
  .object({
    event: z
      .object({
        id: z.string().meta({ description: "The event's id.", example: EXAMPLE_EVENT_ID }),
        webhook_type: z.string().meta({ description: "The event's type.", example: "invoice.created" }),
        object_type: z.string().meta({ description: "The object's type.", example: "invoice" }),
        created_at: z.iso.datetime().meta({ description: "When the event was accepted (UTC, milliseconds)." }),
      })
      .meta({ description: "The event stored." }),
    webhooks: z
      .array(
        z.object({
          id: z.string().meta({ description: "The webhook's id: its deliveries' `X-Lago-Unique-Key`." }),
          endpoint_id: z.string().meta({ description: "The endpoint it goes to." }),
          status: webhookStatusSchema,
        }),
      )
      .meta({ description: "One webhook per enabled endpoint whose event types include the type." }),
  })
  .meta({
    id: "EmitResult",
    example: exampleEmitResult,
  });

export const emitBatchResultSchema = z
  .object({
    results: z
      .array(emitResultSchema)
      .meta({ description: "One result per event, in the order sent: what `POST /events` answers for each." }),
  })
  .meta({
    id: "EmitBatchResult",
    example: {
      results: [exampleEmitResult],
    },
  });

const answersMatchTheirTypes: [
  SameKeys<z.output<typeof emitResultSchema>, EmitResult>,
  SameKeys<z.output<typeof emitResultSchema>["event"], EmitResult["event"]>,
  SameKeys<z.output<typeof emitResultSchema>["webhooks"][number], EmitResult["webhooks"][number]>,
] = [true, true, true];
void answersMatchTheirTypes;
