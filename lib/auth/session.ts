import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { getAuthOptions } from "./options";
import { hasOperator } from "./operators";

export type SessionOperator = { id: string; email: string };

/**
 * The operator a session names, while the session is current: the operator must still exist, and a sign-out, a
 * password change or "Sign out everywhere" since the session began (a higher session version) ends it.
 */
export async function operatorForSession(
  user: { id?: unknown; sv?: unknown } | undefined,
): Promise<SessionOperator | null> {
  if (typeof user?.id !== "string" || typeof user.sv !== "number") return null;
  const operator = await getDb().operator.findUnique({
    where: { id: user.id },
    select: { id: true, email: true, sessionVersion: true },
  });
  return operator && operator.sessionVersion === user.sv ? { id: operator.id, email: operator.email } : null;
}

/** The signed-in operator, or null. */
export async function getOperator(): Promise<SessionOperator | null> {
  const session = await getServerSession(await getAuthOptions());
  return operatorForSession(session?.user);
}

/** For pages: the operator, or a redirect to setup (no operator yet) or sign-in. */
export async function requireOperator(): Promise<SessionOperator> {
  const operator = await getOperator();
  if (operator) return operator;
  redirect((await hasOperator()) ? "/login" : "/setup");
}

/** For server actions and the dashboard's JSON: the operator, or an Unauthorized error (never a redirect mid-request). */
export async function requireOperatorForAction(): Promise<SessionOperator> {
  const operator = await getOperator();
  if (!operator) throw new AppError(AppErrorCode.Unauthorized, "Your session has ended. Sign in again.");
  return operator;
}
