// GET/POST /api/v1/webhook_endpoints: list (paged) and create the caller's organization's endpoints, as Lago's API
// does (API key).
import { requireApiContext } from "@/lib/api/auth";
import { parseRequest, readJsonBody } from "@/lib/api/body";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import {
  ENDPOINT_FIELD_NAMES,
  endpointCreateInput,
  endpointRequestSchema,
  paginationMeta,
  parsePagination,
  serializeEndpoint,
} from "@/lib/api/lago";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/endpoints";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const options = { notFoundCode: "webhook_endpoint_not_found", fieldNames: ENDPOINT_FIELD_NAMES };

export const GET = apiHandler(async (request: Request) => {
  const context = await requireApiContext(request);
  const pagination = parsePagination(request.url);
  // At most endpointLimit() rows exist per organization, so the page is cut from the full list.
  const endpoints = await listEndpoints(context);
  const page = endpoints.slice(pagination.skip, pagination.skip + pagination.perPage);
  return jsonResponse({
    webhook_endpoints: page.map((endpoint) => serializeEndpoint(endpoint, context.organizationId)),
    meta: paginationMeta(pagination, endpoints.length),
  });
}, options);

export const POST = apiHandler(async (request: Request) => {
  const context = await requireApiContext(request);
  const body = parseRequest(endpointRequestSchema, await readJsonBody(request), "webhook_endpoint");
  const endpoint = await createEndpoint(context, endpointCreateInput(body.webhook_endpoint));
  return jsonResponse({ webhook_endpoint: serializeEndpoint(endpoint, context.organizationId) });
}, options);
