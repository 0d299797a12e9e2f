import { z } from "zod";
import type { EndpointSummary } from "@/lib/webhooks/endpoints";
import type { EndpointInput, EndpointUpdate } from "@/lib/webhooks/schemas";
import { emitInputSchema, type EmitInput } from "@/lib/webhooks/emit";

export type LagoWebhookEndpoint = {
  lago_id: string;
  lago_organization_id: string;
  webhook_url: string;
  signature_algo: string;
  name: string | null;
  event_types: string[] | null;
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
    created_at: endpoint.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/** Our field names -> Lago's, for `error_details`. */
export const ENDPOINT_FIELD_NAMES: Record<string, string> = {
  url: "webhook_url",
  signatureAlgo: "signature_algo",
  name: "name",
  eventTypes: "event_types",
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
  };
}

/** Lago's update body -> our partial input: an absent field is left as it is. */
export function endpointUpdateInput(fields: EndpointFields): EndpointUpdate {
  const input: Record<string, unknown> = {};
  if (fields.webhook_url !== undefined) input.url = fields.webhook_url;
  if (fields.signature_algo !== undefined) input.signatureAlgo = fields.signature_algo;
  if (fields.name !== undefined) input.name = fields.name;
  if (fields.event_types !== undefined) input.eventTypes = fields.event_types;
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
