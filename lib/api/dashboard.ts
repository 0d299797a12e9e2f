import { requireOperatorForAction } from "@/lib/auth/session";
import { AppError, AppErrorCode, INTERNAL_ERROR_MESSAGE } from "@/lib/errors";
import { logUnexpected } from "@/lib/observability/logger";
import { memberContext, type OrgContext } from "@/lib/tenancy/context";
import { isId } from "@/lib/webhooks/schemas";
import { PORTAL_TOKEN_HEADER } from "@/lib/portal/link";
import { portalContext } from "@/lib/portal/tokens";

// The dashboard's statuses: a refused value is a 422, as on the REST API; a conflict or a reached limit is a 409.
const STATUS: Record<AppErrorCode, number> = {
  invalid: 422,
  bad_request: 400,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit: 409,
};
const NO_STORE = { "Cache-Control": "no-store" };

/** An error as the dashboard's JSON answer: `{ error }` with its status; anything but an AppError is logged and hidden. */
function dashboardError(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: error.message }, { status: STATUS[error.code], headers: NO_STORE });
  }
  logUnexpected("dashboard route", error);
  return Response.json({ error: INTERNAL_ERROR_MESSAGE }, { status: 500, headers: NO_STORE });
}

/**
 * The dashboard's JSON routes of an organization (they only read: any member may call them): 401 without a session
 * (the body never runs), 404 for an organization the operator is not a member of (as for one that does not exist),
 * else the body, given the member's context, as JSON; errors by `dashboardError`.
 */
export async function dashboardJson(
  organizationId: string,
  body: (context: OrgContext) => Promise<unknown>,
  request?: Request,
): Promise<Response> {
  try {
    const context = await routeContext(organizationId, request);
    return Response.json(await body(context), { headers: NO_STORE });
  } catch (error) {
    return dashboardError(error);
  }
}

/** As dashboardJson, for a route that builds its own Response (a streamed download, say). */
export async function dashboardResponse(
  organizationId: string,
  body: (context: OrgContext) => Promise<Response>,
  request?: Request,
): Promise<Response> {
  try {
    return await body(await routeContext(organizationId, request));
  } catch (error) {
    return dashboardError(error);
  }
}

/**
 * Who reads: with a portal token, its organization (a token of another one is a 404, as for one that does not exist;
 * an expired or tampered one a 401); otherwise the signed-in member.
 */
async function routeContext(organizationId: string, request?: Request): Promise<OrgContext> {
  const token = request?.headers.get(PORTAL_TOKEN_HEADER);
  if (token) {
    const context = await portalContext(token);
    if (context.organizationId !== organizationId) throw new AppError(AppErrorCode.NotFound, NOT_FOUND_HERE);
    return context;
  }
  const operator = await requireOperatorForAction();
  const { organizationId: id } = routeIds({ organizationId });
  return memberContext(operator, id);
}

const NOT_FOUND_HERE = "Nothing exists at this address.";

/** A route's ids, through the one id schema: one that cannot be ours (NUL, too long, odd characters) is not found. */
export function routeIds<P extends Record<string, string>>(params: P): P {
  for (const value of Object.values(params)) {
    if (!isId(value)) throw new AppError(AppErrorCode.NotFound, "Nothing exists at this address.");
  }
  return params;
}
