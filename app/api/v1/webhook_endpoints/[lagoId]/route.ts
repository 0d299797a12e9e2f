// GET/PUT/DELETE /api/v1/webhook_endpoints/:lago_id: one endpoint of the caller's organization, as Lago's API serves it
// (API key).
import { requireApiContext } from "@/lib/api/auth";
import { parseRequest, readJsonBody } from "@/lib/api/body";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import { ENDPOINT_FIELD_NAMES, endpointRequestSchema, endpointUpdateInput, serializeEndpoint } from "@/lib/api/lago";
import { AppError, AppErrorCode } from "@/lib/errors";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { idSchema } from "@/lib/webhooks/schemas";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ lagoId: string }> };

const options = { notFoundCode: "webhook_endpoint_not_found", fieldNames: ENDPOINT_FIELD_NAMES };

/** An id that cannot exist is a 404, not a validation error. */
async function lagoIdOf({ params }: Context): Promise<string> {
  const { lagoId } = await params;
  if (!idSchema.safeParse(lagoId).success)
    throw new AppError(AppErrorCode.NotFound, "This webhook endpoint does not exist.");
  return lagoId;
}

export const GET = apiHandler(async (request: Request, context: Context) => {
  const caller = await requireApiContext(request);
  const endpoint = await getEndpoint(caller, await lagoIdOf(context));
  return jsonResponse({ webhook_endpoint: serializeEndpoint(endpoint, caller.organizationId) });
}, options);

export const PUT = apiHandler(async (request: Request, context: Context) => {
  const caller = await requireApiContext(request);
  const body = parseRequest(endpointRequestSchema, await readJsonBody(request), "webhook_endpoint");
  const endpoint = await updateEndpoint(caller, await lagoIdOf(context), endpointUpdateInput(body.webhook_endpoint));
  return jsonResponse({ webhook_endpoint: serializeEndpoint(endpoint, caller.organizationId) });
}, options);

export const DELETE = apiHandler(async (request: Request, context: Context) => {
  const caller = await requireApiContext(request);
  const endpoint = await deleteEndpoint(caller, await lagoIdOf(context));
  return jsonResponse({ webhook_endpoint: serializeEndpoint(endpoint, caller.organizationId) });
}, options);
