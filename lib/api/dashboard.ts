import { requireOperatorForAction } from "@/lib/auth/session";
import { AppError, AppErrorCode, INTERNAL_ERROR_MESSAGE, logUnexpected } from "@/lib/errors";
import { memberContext, type OrgContext } from "@/lib/tenancy/context";
import { isId } from "@/lib/webhooks/schemas";

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
): Promise<Response> {
  try {
    const operator = await requireOperatorForAction();
    const { organizationId: id } = routeIds({ organizationId });
    const context = await memberContext(operator, id);
    return Response.json(await body(context), { headers: NO_STORE });
  } catch (error) {
    return dashboardError(error);
  }
}

/** A route's ids, through the one id schema: one that cannot be ours (NUL, too long, odd characters) is not found. */
export function routeIds<P extends Record<string, string>>(params: P): P {
  for (const value of Object.values(params)) {
    if (!isId(value)) throw new AppError(AppErrorCode.NotFound, "Nothing exists at this address.");
  }
  return params;
}
