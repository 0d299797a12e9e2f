import { z } from "zod";
import type { OrganizationSummary } from "@/lib/tenancy/organizations";
import type { EndpointSummary } from "@/lib/webhooks/endpoints";
import type { EndpointInput, EndpointUpdate } from "@/lib/webhooks/schemas";
import { emitInputSchema, type EmitInput } from "@/lib/webhooks/emit";
import { MAX_BATCH_EVENTS } from "@/lib/webhooks/schemas";

export type LagoWebhookEndpoint = {
  lago_id: string;
  lago_organization_id: string;
  webhook_url: string;
  signature_algo: string;
  name: string | null;
  event_types: string[] | null;
  /** Deliveries carry a W3C `traceparent` header (when the installation traces). */
  send_traceparent: boolean;
  created_at: string;
};

/** Lago's `webhook_endpoint` object; `lago_organization_id` is the id of the organization it belongs to. */
export function serializeEndpoint(endpoint: EndpointSummary, organizationId: string): LagoWebhookEndpoint {
  return {
    lago_id: endpoint.id,
    lago_organization_id: organizationId,
    webhook_url: endpoint.url,
    signature_algo: endpoint.signatureAlgo,
    name: endpoint.name,
    event_types: endpoint.eventTypes,
    send_traceparent: endpoint.sendTraceparent,
    created_at: endpoint.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/** Our field names -> Lago's, for `error_details`. */
export const ENDPOINT_FIELD_NAMES: Record<string, string> = {
  url: "webhook_url",
  signatureAlgo: "signature_algo",
  name: "name",
  eventTypes: "event_types",
  sendTraceparent: "send_traceparent",
};

/**
 * `{ "webhook_endpoint": { ... } }`: only the shape is checked here (known fields, nothing else); the values are
 * validated by lib/webhooks/endpoints.ts, exactly as for the dashboard.
 */
export const endpointRequestSchema = z.strictObject({
  webhook_endpoint: z.strictObject({
    webhook_url: z.unknown().optional(),
    signature_algo: z.unknown().optional(),
    name: z.unknown().optional(),
    event_types: z.unknown().optional(),
    send_traceparent: z.unknown().optional(),
  }),
});

type EndpointFields = z.output<typeof endpointRequestSchema>["webhook_endpoint"];

/** Lago's create body -> our input; Lago's default signature is JWT. */
export function endpointCreateInput(fields: EndpointFields): EndpointInput {
  return {
    url: fields.webhook_url as string,
    signatureAlgo: (fields.signature_algo ?? "jwt") as EndpointInput["signatureAlgo"],
    name: fields.name as string | null | undefined,
    eventTypes: fields.event_types as string[] | null | undefined,
    sendTraceparent: fields.send_traceparent as boolean | undefined,
  };
}

/** Lago's update body -> our partial input: an absent field is left as it is. */
export function endpointUpdateInput(fields: EndpointFields): EndpointUpdate {
  const input: Record<string, unknown> = {};
  if (fields.webhook_url !== undefined) input.url = fields.webhook_url;
  if (fields.signature_algo !== undefined) input.signatureAlgo = fields.signature_algo;
  if (fields.name !== undefined) input.name = fields.name;
  if (fields.event_types !== undefined) input.eventTypes = fields.event_types;
  if (fields.send_traceparent !== undefined) input.sendTraceparent = fields.send_traceparent;
  return input as EndpointUpdate;
}

/** `{ "event": { "webhook_type", "object_type", "object" } }`, strict, with the values checked as emitEvent checks them. */
export const eventRequestSchema = z.strictObject({
  event: z.strictObject({
    webhook_type: emitInputSchema.shape.webhookType,
    object_type: emitInputSchema.shape.objectType,
    object: emitInputSchema.shape.object,
  }),
});

/** One event of `POST /events/batch`: the single route's fields, with its own optional idempotency key. */
const batchEventSchema = z.strictObject({
  webhook_type: emitInputSchema.shape.webhookType,
  object_type: emitInputSchema.shape.objectType,
  object: emitInputSchema.shape.object,
  idempotency_key: emitInputSchema.shape.idempotencyKey,
});

/** `{ "events": [{ "webhook_type", "object_type", "object", "idempotency_key"? }, ...] }`, 1 to 1,000 events. */
export const eventBatchRequestSchema = z.strictObject({
  events: z
    .array(batchEventSchema)
    .min(1, "Send at least one event.")
    .max(MAX_BATCH_EVENTS, `A batch holds at most ${MAX_BATCH_EVENTS.toLocaleString("en-US")} events.`),
});

export function emitInputsFromBatch(body: z.output<typeof eventBatchRequestSchema>): EmitInput[] {
  return body.events.map((event) => ({
    webhookType: event.webhook_type,
    objectType: event.object_type,
    object: event.object,
    idempotencyKey: event.idempotency_key ?? null,
  }));
}

export function emitInputFromRequest(
  body: z.output<typeof eventRequestSchema>,
  idempotencyKey: string | null,
): EmitInput {
  return {
    webhookType: body.event.webhook_type,
    objectType: body.event.object_type,
    object: body.event.object,
    idempotencyKey,
  };
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export type Pagination = { page: number; perPage: number; skip: number };

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

/** Lago's `page` (from 1) and `per_page` (default 20, at most 100); nonsense falls back to the defaults. */
export function parsePagination(url: URL | string): Pagination {
  const params = new URL(url).searchParams;
  const page = positiveInt(params.get("page")) ?? 1;
  const perPage = Math.min(positiveInt(params.get("per_page")) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  return { page, perPage, skip: (page - 1) * perPage };
}

export type PaginationMeta = {
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  total_pages: number;
  total_count: number;
};

/** Lago's `meta`, counted as Kaminari counts (an empty list has 0 pages; past the end, no next or previous page). */
export function paginationMeta({ page, perPage }: Pagination, totalCount: number): PaginationMeta {
  const totalPages = Math.ceil(totalCount / perPage);
  const outOfRange = page > totalPages;
  return {
    current_page: page,
    next_page: outOfRange || page === totalPages ? null : page + 1,
    prev_page: outOfRange || page === 1 ? null : page - 1,
    total_pages: totalPages,
    total_count: totalCount,
  };
}

/** The platform API's `organization` object. */
export type LagoOrganization = {
  lago_id: string;
  name: string;
  external_id: string | null;
  portal_name: string | null;
  portal_accent_color: string | null;
  created_at: string;
};

export function serializeOrganization(organization: OrganizationSummary): LagoOrganization {
  return {
    lago_id: organization.id,
    name: organization.name,
    external_id: organization.externalId,
    portal_name: organization.portalName,
    portal_accent_color: organization.portalAccentColor,
    created_at: organization.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/** Our field names -> the platform API's, for `error_details`. */
export const ORGANIZATION_FIELD_NAMES: Record<string, string> = {
  name: "name",
  externalId: "external_id",
  portalName: "portal_name",
  portalAccentColor: "portal_accent_color",
};

/** `{ "organization": { ... } }`: the shape only; the values are checked by lib/tenancy/organizations.ts. */
export const organizationRequestSchema = z.strictObject({
  organization: z.strictObject({
    name: z.unknown().optional(),
    external_id: z.unknown().optional(),
    portal_name: z.unknown().optional(),
    portal_accent_color: z.unknown().optional(),
  }),
});

type OrganizationFields = z.output<typeof organizationRequestSchema>["organization"];

/** The request's fields -> our input; absent fields are left out (a create defaults them, an update keeps them). */
export function organizationInput(fields: OrganizationFields): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (fields.name !== undefined) input.name = fields.name;
  if (fields.external_id !== undefined) input.externalId = fields.external_id;
  if (fields.portal_name !== undefined) input.portalName = fields.portal_name;
  if (fields.portal_accent_color !== undefined) input.portalAccentColor = fields.portal_accent_color;
  return input;
}
