import { z } from "zod";
import { ENDPOINT_FIELD_NAMES, endpointRequestSchema, type LagoWebhookEndpoint } from "@/lib/api/lago";
import { endpointInputSchema, endpointUpdateSchema, idSchema, signatureAlgoSchema } from "@/lib/webhooks/schemas";
import { EXAMPLE_ENDPOINT_ID, EXAMPLE_ORGANIZATION_ID, exampleEndpoint } from "./openapi-examples";
import { documentedFields, timestamp, type FieldDoc, type SameKeys } from "./openapi-fields";
import { pageOf } from "./openapi-pagination";

// Lago's `webhook_endpoints` in the document: the requests, the path's id, the answers.

const ENDPOINT_FIELD_DOCS: Record<string, FieldDoc> = {
  webhook_url: {
    description:
      "Where deliveries are POSTed: http(s), at most 2,048 characters (and bytes), unique, without a user name or password, and not a private, loopback or link-local address (unless the installation allows them).",
    example: exampleEndpoint.webhook_url,
  },
  signature_algo: {
    description: "`jwt` (RS256, Lago's default), `hmac` (Lago's) or `standard` (Standard Webhooks).",
    example: "hmac",
  },
  name: { description: "A name shown in the dashboard, at most 100 characters.", example: "Billing" },
  event_types: {
    description: "The types this endpoint receives; `null` for every type.",
    example: exampleEndpoint.event_types,
  },
  send_traceparent: {
    description:
      "Whether deliveries carry a W3C `traceparent` header naming the delivery's span, when the installation exports traces (OpenTelemetry). Default `false`.",
    example: false,
  },
};

/** Lago's `webhook_endpoint` fields with the value schemas lib/webhooks/schemas.ts validates with. */
function endpointFields(
  values: Record<string, z.ZodType>,
  overrides: Record<string, (field: z.ZodType) => z.ZodType> = {},
) {
  const request = endpointRequestSchema.shape.webhook_endpoint;
  return documentedFields("webhook_endpoint", request, ENDPOINT_FIELD_NAMES, values, ENDPOINT_FIELD_DOCS, overrides);
}

export const endpointCreateRequestDoc = z.strictObject({
  webhook_endpoint: z
    .strictObject(
      // Lago's create defaults the signature to JWT (endpointCreateInput).
      endpointFields(endpointInputSchema.shape, { signature_algo: (field) => field.default("jwt") }),
    )
    .meta({ description: "The new endpoint." }),
});

export const endpointUpdateRequestDoc = z.strictObject({
  webhook_endpoint: z.strictObject(endpointFields(endpointUpdateSchema.shape)).meta({
    description: "Only the fields sent are changed.",
  }),
});

export const endpointIdParamsSchema = z.object({
  lago_id: idSchema.meta({ description: "The endpoint's `lago_id`.", example: EXAMPLE_ENDPOINT_ID }),
});

export const webhookEndpointSchema = z
  .object({
    lago_id: z.string().meta({ description: "The endpoint's id.", example: exampleEndpoint.lago_id }),
    lago_organization_id: z
      .string()
      .meta({ description: "The id of the organization the endpoint belongs to.", example: EXAMPLE_ORGANIZATION_ID }),
    webhook_url: z.string().meta({ description: "Where deliveries go.", example: exampleEndpoint.webhook_url }),
    signature_algo: signatureAlgoSchema.meta({ description: "How deliveries are signed." }),
    name: z.string().nullable().meta({ description: "The endpoint's name, if any.", example: exampleEndpoint.name }),
    event_types: z.array(z.string()).nullable().meta({ description: "The types it receives; `null` for every type." }),
    send_traceparent: z
      .boolean()
      .meta({ description: "Whether deliveries carry a W3C `traceparent` header (when the installation traces)." }),
    created_at: timestamp("When the endpoint was created (UTC)."),
  })
  .meta({ id: "WebhookEndpoint", description: "Lago's `webhook_endpoint` object." });

export const webhookEndpointAnswerSchema = z
  .object({ webhook_endpoint: webhookEndpointSchema })
  .meta({ id: "WebhookEndpointAnswer", example: { webhook_endpoint: exampleEndpoint } });

export const webhookEndpointListSchema = pageOf("webhook_endpoints", webhookEndpointSchema, {
  id: "WebhookEndpointList",
  description: "This page's endpoints, oldest first.",
  example: exampleEndpoint,
});

const answerMatchesItsType: SameKeys<z.output<typeof webhookEndpointSchema>, LagoWebhookEndpoint> = true;
void answerMatchesItsType;
