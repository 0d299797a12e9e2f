// GET/POST /api/v1/webhook_endpoints: list (paged) and create endpoints, as Lago's API does (API key).
import { apiHandler, jsonResponse, parseRequest, readJsonBody, requireApiKey } from "@/lib/api/http";
import {
  ENDPOINT_FIELD_NAMES,
  endpointCreateInput,
  endpointRequestSchema,
  lagoOrganizationId,
  paginationMeta,
  parsePagination,
  serializeEndpoint,
} from "@/lib/api/lago";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/endpoints";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const options = { notFoundCode: "webhook_endpoint_not_found", fieldNames: ENDPOINT_FIELD_NAMES };

export const GET = apiHandler(async (request: Request) => {
  await requireApiKey(request);
  const pagination = parsePagination(request.url);
  // At most endpointLimit() rows exist, so the page is cut from the full list.
  const [endpoints, organizationId] = await Promise.all([listEndpoints(), lagoOrganizationId()]);
  const page = endpoints.slice(pagination.skip, pagination.skip + pagination.perPage);
  return jsonResponse({
    webhook_endpoints: page.map((endpoint) => serializeEndpoint(endpoint, organizationId)),
    meta: paginationMeta(pagination, endpoints.length),
  });
}, options);

export const POST = apiHandler(async (request: Request) => {
  await requireApiKey(request);
  const body = parseRequest(endpointRequestSchema, await readJsonBody(request), "webhook_endpoint");
  const endpoint = await createEndpoint(endpointCreateInput(body.webhook_endpoint));
  return jsonResponse({ webhook_endpoint: serializeEndpoint(endpoint, await lagoOrganizationId()) });
}, options);
