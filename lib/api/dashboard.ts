import { getOperator } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import { isId } from "@/lib/webhooks/schemas";

// A refused value is a 422, as on the REST API; an id that cannot exist is a 404.
const STATUS: Record<UserError["code"], number> = { invalid: 422, not_found: 404, conflict: 409, limit: 409, forbidden: 403, unauthorized: 401 };
const NO_STORE = { "Cache-Control": "no-store" };

/** The dashboard's JSON routes: 401 without a session, the body as JSON, expected errors as { error } with their status. */
export async function dashboardJson(body: () => Promise<unknown>): Promise<Response> {
  if (!(await getOperator())) return Response.json({ error: "Your session has ended. Sign in again." }, { status: 401, headers: NO_STORE });
  try {
    return Response.json(await body(), { headers: NO_STORE });
  } catch (error) {
    if (error instanceof UserError) return Response.json({ error: error.message }, { status: STATUS[error.code], headers: NO_STORE });
    console.error("[hookline] dashboard route failed", error);
    return Response.json({ error: "Something went wrong on our side. The error was logged; please try again." }, { status: 500, headers: NO_STORE });
  }
}

/** A route's ids, through the one id schema: one that cannot be ours (NUL, too long, odd characters) is not found. */
export function routeIds<P extends Record<string, string>>(params: P): P {
  for (const value of Object.values(params)) {
    if (!isId(value)) throw new UserError("Nothing exists at this address.", "not_found");
  }
  return params;
}
