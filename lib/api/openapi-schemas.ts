import { z } from "zod";
import { reasonPhrase, type LagoErrorBody } from "@/lib/api/http";
import {
  DEFAULT_PER_PAGE,
  ENDPOINT_FIELD_NAMES,
  MAX_PER_PAGE,
  ORGANIZATION_FIELD_NAMES,
  endpointRequestSchema,
  eventBatchRequestSchema,
  eventRequestSchema,
  organizationRequestSchema,
  serializeEndpoint,
  serializeOrganization,
  type LagoOrganization,
  type LagoWebhookEndpoint,
  type PaginationMeta,
} from "@/lib/api/lago";
import type { EmitResult } from "@/lib/webhooks/emit";
import { emitInputSchema } from "@/lib/webhooks/emit";
import { organizationInputSchema, organizationUpdateSchema } from "@/lib/tenancy/organizations";
import { replayInputSchema } from "@/lib/webhooks/replay";
import { portalSessionInputSchema, type LagoPortalSession } from "@/lib/portal/sessions";
import {
  endpointInputSchema,
  endpointUpdateSchema,
  idSchema,
  MAX_BATCH_EVENTS,
  signatureAlgoSchema,
} from "@/lib/webhooks/schemas";

/**
 * The API's shapes for the OpenAPI document. Requests are the very zod schemas the routes validate with (descriptions
 * and examples are added with zod's `.meta()`, which returns a copy); answers, which the routes build by hand, are
 * declared here, tied to the routes' TypeScript types below, and checked against real answers by openapi-conformance.test.ts.
 */

type Meta = { description: string; example?: unknown };

/** A copy of a zod object with a description (and example) on each field; a field without one is an error. */
export function describeFields<S extends z.ZodObject>(schema: S, fields: { [K in keyof S["shape"]]: Meta }): S {
  const described: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const meta = (fields as Record<string, Meta | undefined>)[key];
    if (!meta) throw new Error(`OpenAPI: the field "${key}" has no description`);
    described[key] = field.meta(meta);
  }
  return schema.extend(described) as S;
}

// ---------------------------------------------------------------------------------------------------------------
// Examples: one endpoint, one event, reused across requests and answers.

export const EXAMPLE_ENDPOINT_ID = "0198c0de-5a1e-7c3b-9f10-4a2b6c8d0e12";
export const EXAMPLE_WEBHOOK_ID = "0198c0de-6b2f-7d4c-8a21-5b3c7d9e1f23";
export const EXAMPLE_EVENT_ID = "0198c0de-6b2f-7d4c-8a21-5b3c7d9e1f00";
export const EXAMPLE_ORGANIZATION_ID = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
const EXAMPLE_CREATED_AT = new Date("2026-11-26T09:00:00Z");

/** Lago's `webhook_endpoint`, made by the real serialiser so the example has the answer's exact fields. */
export const exampleEndpoint: LagoWebhookEndpoint = serializeEndpoint(
  {
    id: EXAMPLE_ENDPOINT_ID,
    url: "https://billing.example.com/webhooks/lago",
    name: "Billing",
    signatureAlgo: "hmac",
    eventTypes: ["invoice.created", "invoice.payment_status_updated"],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    previousSecretUntil: null,
    sendTraceparent: false,
    createdAt: EXAMPLE_CREATED_AT,
    updatedAt: EXAMPLE_CREATED_AT,
  },
  EXAMPLE_ORGANIZATION_ID,
);

/** The platform API's `organization`, made by the real serialiser. */
export const exampleOrganization: LagoOrganization = serializeOrganization({
  id: EXAMPLE_ORGANIZATION_ID,
  name: "Acme Corp",
  externalId: "acme",
  portalName: "Acme webhooks",
  portalAccentColor: "#4f46e5",
  createdAt: EXAMPLE_CREATED_AT,
});

export const exampleObject = { lago_id: "inv_001", number: "INV-2026-001", total_amount_cents: 12000, currency: "EUR" };

// ---------------------------------------------------------------------------------------------------------------
// Requests: the routes' own schemas.

/** The header an installation key names its organization with (an organization's own key needs none). */
export const organizationHeaderSchema = z.object({
  "Hookline-Organization": z.string().optional().meta({
    description:
      "With an installation key, required: the organization to act in, by its `lago_id` or its `external_id` (422 without it, 404 for an unknown one). An organization's own key acts in its organization and needs none.",
    example: exampleOrganization.external_id,
  }),
});

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

const ENDPOINT_FIELD_DOCS: Record<string, Meta> = {
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

/**
 * Lago's `webhook_endpoint` fields, each with the value schema it is validated with (lib/webhooks/schemas.ts, through
 * ENDPOINT_FIELD_NAMES): a field added to the request and not to the input schema fails here, at start-up.
 */
function endpointFields(
  values: Record<string, z.ZodType>,
  overrides: Record<string, (field: z.ZodType) => z.ZodType> = {},
) {
  const byLagoName = Object.fromEntries(Object.entries(ENDPOINT_FIELD_NAMES).map(([ours, lago]) => [lago, ours]));
  const shape: Record<string, z.ZodType> = {};
  for (const lagoName of Object.keys(endpointRequestSchema.shape.webhook_endpoint.shape)) {
    const value = values[byLagoName[lagoName]];
    const docs = ENDPOINT_FIELD_DOCS[lagoName];
    if (!value || !docs) throw new Error(`OpenAPI: webhook_endpoint.${lagoName} has no value schema or no description`);
    shape[lagoName] = (overrides[lagoName] ?? ((field) => field))(value).meta(docs);
  }
  return shape;
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

const ORGANIZATION_FIELD_DOCS: Record<string, Meta> = {
  name: { description: "The organization's name, at most 100 characters.", example: exampleOrganization.name },
  external_id: {
    description:
      "Your own id for this customer (unique, at most 255 characters, `null` for none): every route that takes an organization accepts it.",
    example: exampleOrganization.external_id,
  },
  portal_name: {
    description: "The title its embedded portal shows, at most 100 characters; `null`: the organization's name.",
    example: exampleOrganization.portal_name,
  },
  portal_accent_color: {
    description: "The portal's accent colour, `#rrggbb`; `null`: Hookline's.",
    example: exampleOrganization.portal_accent_color,
  },
};

/** The platform API's `organization` fields with the value schemas lib/tenancy/organizations.ts validates with. */
function organizationFields(values: Record<string, z.ZodType>) {
  const byApiName = Object.fromEntries(Object.entries(ORGANIZATION_FIELD_NAMES).map(([ours, api]) => [api, ours]));
  const shape: Record<string, z.ZodType> = {};
  for (const apiName of Object.keys(organizationRequestSchema.shape.organization.shape)) {
    const value = values[byApiName[apiName]];
    const docs = ORGANIZATION_FIELD_DOCS[apiName];
    if (!value || !docs) throw new Error(`OpenAPI: organization.${apiName} has no value schema or no description`);
    shape[apiName] = value.meta(docs);
  }
  return shape;
}

export const organizationCreateRequestDoc = z.strictObject({
  organization: z
    .strictObject(organizationFields(organizationInputSchema.shape))
    .meta({ description: "The new organization." }),
});

export const organizationUpdateRequestDoc = z.strictObject({
  organization: z
    .strictObject(organizationFields(organizationUpdateSchema.shape))
    .meta({ description: "Only the fields sent are changed." }),
});

export const organizationIdParamsSchema = z.object({
  organization_id: z.string().min(1).max(255).meta({
    description: "The organization's `lago_id`, or its `external_id`.",
    example: exampleOrganization.external_id,
  }),
});

export const replayRequestDoc = describeFields(replayInputSchema, {
  since: {
    description: "Re-send the failed and retrying webhooks created since this time (ISO 8601, at most 14 days back).",
  },
});

export const endpointIdParamsSchema = z.object({
  lago_id: idSchema.meta({ description: "The endpoint's `lago_id`.", example: EXAMPLE_ENDPOINT_ID }),
});

export const webhookIdParamsSchema = z.object({
  id: idSchema.meta({
    description: "The webhook's id (the `X-Lago-Unique-Key` of its deliveries).",
    example: EXAMPLE_WEBHOOK_ID,
  }),
});

export const organizationRefParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(255)
    .meta({ description: "The organization's id, or its `external_id`.", example: "cus_123" }),
});

export const portalSessionRequestDoc = z
  .strictObject({
    portal_session: portalSessionInputSchema.shape.portal_session.meta({
      description: "Who the portal is for: the role, and how long the link works.",
    }),
  })
  .meta({ id: "PortalSessionRequest" });

export const portalSessionAnswerSchema = z
  .object({
    portal_session: z
      .object({
        url: z.string().meta({ description: "The link to open or frame: /portal/<signed token>/developers/webhooks." }),
        expires_at: z.iso.datetime().meta({ description: "When the link stops working, even on an open page." }),
      })
      .meta({ description: "The portal session." }),
  })
  .meta({
    id: "PortalSessionAnswer",
    example: {
      portal_session: {
        url: "https://hooks.example.com/portal/eyJhbGciOiJIUzI1NiJ9.eyJvcmciOiIuLi4ifQ.c2lnbmF0dXJl/developers/webhooks",
        expires_at: "2026-11-26T10:00:00.000Z",
      },
    },
  }) satisfies z.ZodType<LagoPortalSession>;

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).meta({ description: "The page, from 1.", example: 1 }),
  per_page: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PER_PAGE)
    .default(DEFAULT_PER_PAGE)
    .meta({ description: `Records per page, at most ${MAX_PER_PAGE}.`, example: DEFAULT_PER_PAGE }),
});

// ---------------------------------------------------------------------------------------------------------------
// Answers.

const timestamp = (description: string) => z.iso.datetime().meta({ description, example: "2026-11-26T09:00:00Z" });

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

export const paginationMetaSchema = z
  .object({
    current_page: z.number().int().meta({ description: "The page returned." }),
    next_page: z.number().int().nullable().meta({ description: "The next page, or `null` on the last." }),
    prev_page: z.number().int().nullable().meta({ description: "The previous page, or `null` on the first." }),
    total_pages: z.number().int().meta({ description: "Pages in all (0 when there is nothing)." }),
    total_count: z.number().int().meta({ description: "Records in all." }),
  })
  .meta({ id: "PaginationMeta", description: "Lago's pagination `meta`." });

export const webhookEndpointListSchema = z
  .object({
    webhook_endpoints: z.array(webhookEndpointSchema).meta({ description: "This page's endpoints, oldest first." }),
    meta: paginationMetaSchema,
  })
  .meta({
    id: "WebhookEndpointList",
    example: {
      webhook_endpoints: [exampleEndpoint],
      meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 1 },
    },
  });

export const organizationSchema = z
  .object({
    lago_id: z.string().meta({ description: "The organization's id.", example: exampleOrganization.lago_id }),
    name: z.string().meta({ description: "Its name.", example: exampleOrganization.name }),
    external_id: z
      .string()
      .nullable()
      .meta({ description: "Your id for it, if any.", example: exampleOrganization.external_id }),
    portal_name: z.string().nullable().meta({ description: "Its portal's title, if set." }),
    portal_accent_color: z.string().nullable().meta({ description: "Its portal's accent colour (`#rrggbb`), if set." }),
    created_at: timestamp("When the organization was created (UTC)."),
  })
  .meta({ id: "Organization", description: "One of the installation's organizations (a customer of your platform)." });

export const organizationAnswerSchema = z
  .object({ organization: organizationSchema })
  .meta({ id: "OrganizationAnswer", example: { organization: exampleOrganization } });

export const organizationListSchema = z
  .object({
    organizations: z.array(organizationSchema).meta({ description: "This page's organizations, oldest first." }),
    meta: paginationMetaSchema,
  })
  .meta({
    id: "OrganizationList",
    example: {
      organizations: [exampleOrganization],
      meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 1 },
    },
  });

const webhookStatusSchema = z.enum(["pending", "retrying", "succeeded", "failed"]).meta({
  description: "`pending` (never tried), `retrying` (another attempt is due), `succeeded`, `failed` (no attempt left).",
});

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
    example: {
      event: {
        id: EXAMPLE_EVENT_ID,
        webhook_type: "invoice.created",
        object_type: "invoice",
        created_at: "2026-11-26T09:00:00.000Z",
      },
      webhooks: [{ id: EXAMPLE_WEBHOOK_ID, endpoint_id: EXAMPLE_ENDPOINT_ID, status: "pending" }],
    },
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
      results: [
        {
          event: {
            id: EXAMPLE_EVENT_ID,
            webhook_type: "invoice.created",
            object_type: "invoice",
            created_at: "2026-11-26T09:00:00.000Z",
          },
          webhooks: [{ id: EXAMPLE_WEBHOOK_ID, endpoint_id: EXAMPLE_ENDPOINT_ID, status: "pending" }],
        },
      ],
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

export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string().meta({ description: "The OpenAPI version.", example: "3.1.0" }),
    info: z
      .looseObject({
        title: z.string().meta({ description: "The API's name." }),
        version: z.string().meta({ description: "The API's version." }),
      })
      .meta({ description: "About the API." }),
  })
  .meta({ description: "An OpenAPI 3.1 document: `openapi`, `info`, `servers`, `paths`, `webhooks`, `components`." });

// ---------------------------------------------------------------------------------------------------------------
// Lago's errors (lib/api/http.ts).

export const lagoErrorSchema = z
  .object({
    status: z.number().int().meta({ description: "The HTTP status, repeated." }),
    error: z.string().meta({ description: "The status's reason phrase." }),
    code: z
      .string()
      .meta({ description: "What went wrong, for programs: `invalid_api_key`, `webhook_endpoint_not_found`, ..." }),
    error_details: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "422 only: each field (Lago's names; `base` for the whole) and its messages." }),
    message: z.string().optional().meta({ description: "What went wrong, for people." }),
  })
  .meta({ id: "LagoError", description: "Lago's error body." });

// The reason phrase lagoError() puts in `error`, from the same table.
const reason = reasonPhrase;
const error = (
  status: number,
  code: string,
  extra: Pick<LagoErrorBody, "message" | "error_details">,
): LagoErrorBody => ({
  status,
  error: reason(status),
  code,
  ...extra,
});

/** The errors the API answers, each with an example of what lib/api/http.ts and the routes send. */
export const ERROR_EXAMPLES = {
  400: {
    description: "The body is not JSON (or not UTF-8).",
    example: error(400, "invalid_json", { message: "The request body is empty; send a JSON object." }),
  },
  401: {
    description: "No API key, or a wrong or revoked one.",
    example: error(401, "invalid_api_key", { message: "This API key is wrong or has been revoked." }),
  },
  403: {
    description: "An organization's API key on a route that takes an installation key.",
    example: error(403, "installation_key_required", {
      message:
        "This route takes an installation API key (HOOKLINE_INSTALLATION_API_KEY, or one the owner created); an organization's key acts inside its organization only.",
    }),
  },
  404: {
    description: "No such resource.",
    example: error(404, "webhook_endpoint_not_found", { message: "This webhook endpoint does not exist." }),
  },
  405: {
    description: "The resource's state does not allow it.",
    example: error(405, "invalid_status", {
      message: "Only a webhook whose last attempt failed can be retried; it was delivered.",
    }),
  },
  413: {
    description: "The body is larger than `HOOKLINE_MAX_BODY_BYTES` (256 KB by default).",
    example: error(413, "request_too_large", { message: "The request body must be at most 262144 bytes." }),
  },
  422: {
    description: "A field is missing, unknown or invalid; `error_details` names each.",
    example: error(422, "validation_errors", {
      error_details: { webhook_url: ["The webhook URL must be a valid http:// or https:// address."] },
    }),
  },
} satisfies Record<number, { description: string; example: LagoErrorBody }>;

export type ErrorStatus = keyof typeof ERROR_EXAMPLES;

// ---------------------------------------------------------------------------------------------------------------
// Each answer schema has the fields of the type its route returns (a mismatch fails to compile).

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const answersMatchTheirTypes: [
  SameKeys<z.output<typeof webhookEndpointSchema>, LagoWebhookEndpoint>,
  SameKeys<z.output<typeof organizationSchema>, LagoOrganization>,
  SameKeys<z.output<typeof paginationMetaSchema>, PaginationMeta>,
  SameKeys<z.output<typeof emitResultSchema>, EmitResult>,
  SameKeys<z.output<typeof emitResultSchema>["event"], EmitResult["event"]>,
  SameKeys<z.output<typeof emitResultSchema>["webhooks"][number], EmitResult["webhooks"][number]>,
  SameKeys<z.output<typeof lagoErrorSchema>, LagoErrorBody>,
] = [true, true, true, true, true, true, true];
void answersMatchTheirTypes;
