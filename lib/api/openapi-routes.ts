import type { z } from "zod";
import {
  endpointCreateRequestDoc,
  endpointIdParamsSchema,
  endpointUpdateRequestDoc,
  webhookEndpointAnswerSchema,
  webhookEndpointListSchema,
} from "./openapi-endpoints";
import { openApiDocumentSchema } from "./openapi-document";
import type { ErrorStatus } from "./openapi-errors";
import {
  emitBatchResultSchema,
  emitResultSchema,
  eventBatchRequestDoc,
  eventRequestDoc,
  idempotencyHeadersSchema,
} from "./openapi-events";
import { exampleEndpoint, exampleObject } from "./openapi-examples";
import {
  organizationAnswerSchema,
  organizationCreateRequestDoc,
  organizationIdParamsSchema,
  organizationListSchema,
  organizationRefParamsSchema,
  organizationUpdateRequestDoc,
  portalSessionAnswerSchema,
  portalSessionRequestDoc,
} from "./openapi-organizations";
import { paginationQuerySchema } from "./openapi-pagination";
import {
  jsonPublicKeySchema,
  publicKeyTextSchema,
  replayAnswerSchema,
  replayRequestDoc,
  retryAnswerSchema,
  webhookIdParamsSchema,
} from "./openapi-webhooks";

/** The groups of the reference, in the order it shows them. */
export const API_TAGS = [
  { name: "Events", description: "Send an event; Hookline delivers it to every endpoint that wants its type." },
  { name: "Webhook endpoints", description: "Where events go: Lago's `webhook_endpoints` API, unchanged." },
  {
    name: "Webhooks",
    description: "One delivery of an event to an endpoint: retry it; read the key that verifies JWT signatures.",
  },
  {
    name: "Organizations",
    description:
      "The platform API (installation key): your customers' organizations and their embeddable portal. With the `Hookline-Organization` header, an installation key also acts inside any of them on every other route.",
  },
  { name: "OpenAPI", description: "This document." },
] as const;

export type ApiTag = (typeof API_TAGS)[number]["name"];

/**
 * One operation of the REST API under /api/v1. The API key, and the errors every such operation can answer (401;
 * 400, 413 and 422 with a body; 404 with path parameters), are added by the document; `errors` adds others.
 */
export type ApiOperation = {
  method: "get" | "post" | "put" | "delete";
  /** Under /api/v1, with `{name}` for a path parameter. */
  path: string;
  operationId: string;
  tag: ApiTag;
  summary: string;
  description?: string;
  /** No API key needed. */
  public?: true;
  /**
   * Who may call it: `organization` (the default) acts in one organization: its own key, or an installation key
   * naming it in the Hookline-Organization header; `platform`: an installation key only; `any`: any key, installation-wide.
   */
  caller?: "organization" | "platform" | "any";
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** A JSON body, validated by `schema`; `example` must pass it (lib/api/openapi.test.ts). */
  body?: { schema: z.ZodType; example: unknown };
  answer: { status: number; description: string; schema: z.ZodType; contentType?: "application/json" | "text/plain" };
  errors?: ErrorStatus[];
};

/** A replay example that the 14-day limit accepts whenever the document is read: the start of the last hour. */
function recentHour(): string {
  return new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString().replace(".000Z", "Z");
}

/** Every route of app/api/v1 (lib/api/openapi.test.ts fails for one left out). Adding a route: one entry here. */
export function apiOperations(): ApiOperation[] {
  return [
    {
      method: "post",
      path: "/organizations",
      operationId: "createOrganization",
      tag: "Organizations",
      summary: "Create an organization",
      description:
        "A customer of your platform: its endpoints, events, logs and keys are its own. A duplicate `external_id` is a 422.",
      caller: "platform",
      body: {
        schema: organizationCreateRequestDoc,
        example: {
          organization: {
            name: "Acme Corp",
            external_id: "acme",
            portal_name: "Acme webhooks",
            portal_accent_color: "#4f46e5",
          },
        },
      },
      answer: { status: 201, description: "The organization created.", schema: organizationAnswerSchema },
    },
    {
      method: "get",
      path: "/organizations",
      operationId: "findAllOrganizations",
      tag: "Organizations",
      summary: "List organizations",
      description: "Oldest first, with Lago's pagination `meta`.",
      caller: "platform",
      query: paginationQuerySchema,
      answer: { status: 200, description: "A page of organizations.", schema: organizationListSchema },
    },
    {
      method: "get",
      path: "/organizations/{organization_id}",
      operationId: "findOrganization",
      tag: "Organizations",
      summary: "Read an organization",
      caller: "platform",
      params: organizationIdParamsSchema,
      answer: { status: 200, description: "The organization.", schema: organizationAnswerSchema },
    },
    {
      method: "put",
      path: "/organizations/{organization_id}",
      operationId: "updateOrganization",
      tag: "Organizations",
      summary: "Change an organization",
      description: "Fields left out keep their values; `null` clears an optional one.",
      caller: "platform",
      params: organizationIdParamsSchema,
      body: { schema: organizationUpdateRequestDoc, example: { organization: { name: "Acme Corporation" } } },
      answer: { status: 200, description: "The organization as changed.", schema: organizationAnswerSchema },
    },
    {
      method: "delete",
      path: "/organizations/{organization_id}",
      operationId: "destroyOrganization",
      tag: "Organizations",
      summary: "Delete an organization",
      description:
        "With everything it owns, at once: endpoints, events, webhooks and their attempts, API keys, members and invitations. The Default organization cannot be deleted (405).",
      caller: "platform",
      params: organizationIdParamsSchema,
      answer: { status: 200, description: "The organization deleted.", schema: organizationAnswerSchema },
      errors: [405],
    },
    {
      method: "post",
      path: "/events",
      operationId: "createEvent",
      tag: "Events",
      summary: "Send an event",
      description:
        "Stores the event and one webhook per enabled endpoint whose event types include `webhook_type`, then delivers them. " +
        'Each endpoint receives `{"webhook_type", "object_type", "<object_type>": object}` (see the `webhooks` of this document).',
      headers: idempotencyHeadersSchema,
      body: {
        schema: eventRequestDoc,
        example: { event: { webhook_type: "invoice.created", object_type: "invoice", object: exampleObject } },
      },
      answer: {
        status: 202,
        description: "Accepted: the event and its webhooks (a repeated Idempotency-Key: the first answer).",
        schema: emitResultSchema,
      },
    },
    {
      method: "post",
      path: "/events/batch",
      operationId: "createEvents",
      tag: "Events",
      summary: "Send up to 1,000 events at once",
      description:
        "Validated as a whole: one invalid event refuses the batch with a 422 whose `error_details` name each problem as `events.<index>.<field>`, and nothing is written. " +
        "Otherwise every event is stored with its webhooks at once and the answer holds one result per event, in order. " +
        "The body limit (256 KB by default) may stop a batch before 1,000 events.",
      body: {
        schema: eventBatchRequestDoc,
        example: {
          events: [
            {
              webhook_type: "invoice.created",
              object_type: "invoice",
              object: exampleObject,
              idempotency_key: "invoice-inv_001-created",
            },
            {
              webhook_type: "invoice.created",
              object_type: "invoice",
              object: { ...exampleObject, lago_id: "inv_002", number: "INV-2026-002" },
            },
          ],
        },
      },
      answer: {
        status: 202,
        description:
          "Accepted: one result per event, in order (a repeated idempotency key: that event's first result).",
        schema: emitBatchResultSchema,
      },
    },
    {
      method: "get",
      path: "/webhook_endpoints",
      operationId: "findAllWebhookEndpoints",
      tag: "Webhook endpoints",
      summary: "List endpoints",
      description:
        "Oldest first, with Lago's pagination `meta`. Nonsense `page` or `per_page` values fall back to the defaults.",
      query: paginationQuerySchema,
      answer: { status: 200, description: "A page of endpoints.", schema: webhookEndpointListSchema },
    },
    {
      method: "post",
      path: "/webhook_endpoints",
      operationId: "createWebhookEndpoint",
      tag: "Webhook endpoints",
      summary: "Create an endpoint",
      description:
        "Its secret (HMAC, Standard Webhooks) is generated; an operator reveals it in the dashboard. A duplicate URL or the endpoint limit is a 422.",
      body: {
        schema: endpointCreateRequestDoc,
        example: {
          webhook_endpoint: {
            webhook_url: exampleEndpoint.webhook_url,
            signature_algo: "hmac",
            name: "Billing",
            event_types: exampleEndpoint.event_types,
          },
        },
      },
      answer: { status: 200, description: "The endpoint created.", schema: webhookEndpointAnswerSchema },
    },
    {
      method: "get",
      path: "/webhook_endpoints/{lago_id}",
      operationId: "findWebhookEndpoint",
      tag: "Webhook endpoints",
      summary: "Read an endpoint",
      params: endpointIdParamsSchema,
      answer: { status: 200, description: "The endpoint.", schema: webhookEndpointAnswerSchema },
    },
    {
      method: "put",
      path: "/webhook_endpoints/{lago_id}",
      operationId: "updateWebhookEndpoint",
      tag: "Webhook endpoints",
      summary: "Change an endpoint",
      description: "Fields left out keep their values; `event_types: null` means every type again.",
      params: endpointIdParamsSchema,
      body: {
        schema: endpointUpdateRequestDoc,
        example: { webhook_endpoint: { name: "Billing (EU)", event_types: null } },
      },
      answer: { status: 200, description: "The endpoint as changed.", schema: webhookEndpointAnswerSchema },
    },
    {
      method: "delete",
      path: "/webhook_endpoints/{lago_id}",
      operationId: "destroyWebhookEndpoint",
      tag: "Webhook endpoints",
      summary: "Delete an endpoint",
      description: "Its delivery log goes with it.",
      params: endpointIdParamsSchema,
      answer: { status: 200, description: "The endpoint deleted.", schema: webhookEndpointAnswerSchema },
    },
    {
      method: "post",
      path: "/webhook_endpoints/{lago_id}/replay",
      operationId: "replayFailedWebhooks",
      tag: "Webhook endpoints",
      summary: "Re-send failed and retrying webhooks since a time",
      description:
        "Every webhook of the endpoint whose last attempt failed (failed, or retrying on its schedule) created since `since` (at most 14 days back) is sent again now, under its unique key; a retrying one keeps its remaining automatic attempts if this one fails. A disabled endpoint is a 422.",
      params: endpointIdParamsSchema,
      body: { schema: replayRequestDoc, example: { since: recentHour() } },
      answer: { status: 202, description: "The webhooks queued.", schema: replayAnswerSchema },
    },
    {
      method: "post",
      path: "/webhooks/{id}/retry",
      operationId: "retryWebhook",
      tag: "Webhooks",
      summary: "Retry a failed or retrying webhook",
      description:
        "Sends it again now under the same `X-Lago-Unique-Key` (the worker takes it at once, after any attempt in flight); it counts one more retry. Only a webhook whose last attempt failed can be retried: failed, or retrying on its schedule, which it keeps if this attempt fails.",
      params: webhookIdParamsSchema,
      answer: { status: 202, description: "The webhook, due now.", schema: retryAnswerSchema },
      errors: [405],
    },
    {
      method: "get",
      path: "/webhooks/public_key",
      operationId: "fetchPublicKey",
      tag: "Webhooks",
      summary: "The JWT public key (text)",
      description:
        "Base64 of the PEM, as Lago serves it; one key for the whole installation (any API key, no organization needed). After a key rotation this is the new key at once.",
      caller: "any",
      answer: { status: 200, description: "The public key.", schema: publicKeyTextSchema, contentType: "text/plain" },
    },
    {
      method: "get",
      path: "/webhooks/json_public_key",
      operationId: "fetchJsonPublicKey",
      tag: "Webhooks",
      summary: "The JWT public key (JSON)",
      description:
        "During a key rotation's overlap, the previous key and when it stops being served are added. Any API key.",
      caller: "any",
      answer: { status: 200, description: "The public key.", schema: jsonPublicKeySchema },
    },
    {
      method: "post",
      path: "/organizations/{id}/portal_sessions",
      operationId: "createPortalSession",
      tag: "Organizations",
      summary: "Open the webhooks portal of an organization",
      description:
        "With an installation API key. A link to the organization's Developers > Webhooks (endpoints, Add a webhook, logs, event detail, Retry) in a layout made to be embedded, with `role` admin or viewer, until `expires_at`, in the `theme` of your page (light, dark, or system: the browser's colour scheme). The link is the credential (a signed token in its path; no cookie), so hand it to the signed-in customer only; frame it from the origins listed in HOOKLINE_PORTAL_FRAME_ANCESTORS. An organization's own key is a 403.",
      caller: "platform",
      params: organizationRefParamsSchema,
      body: {
        schema: portalSessionRequestDoc,
        example: { portal_session: { role: "admin", ttl_seconds: 3600, theme: "dark" } },
      },
      answer: { status: 201, description: "The portal link.", schema: portalSessionAnswerSchema },
      errors: [403],
    },
    {
      method: "get",
      path: "/openapi.json",
      operationId: "getOpenApiDocument",
      tag: "OpenAPI",
      summary: "This OpenAPI 3.1 document",
      description: "Public: it holds the API's shapes and no data.",
      public: true,
      answer: { status: 200, description: "The document.", schema: openApiDocumentSchema },
    },
  ];
}
