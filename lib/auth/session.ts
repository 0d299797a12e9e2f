import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { getAuthOptions } from "./options";
import { hasOperator } from "./operators";

export type SessionOperator = { id: string; email: string };

/** The signed-in operator, or null. The operator must still exist (a deleted account's cookie is worthless). */
export async function getOperator(): Promise<SessionOperator | null> {
  const session = await getServerSession(await getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return getDb().operator.findUnique({ where: { id }, select: { id: true, email: true } });
}

/** For pages: the operator, or a redirect to setup (no operator yet) or sign-in. */
export async function requireOperator(): Promise<SessionOperator> {
  const operator = await getOperator();
  if (operator) return operator;
  redirect((await hasOperator()) ? "/login" : "/setup");
}

/** For server actions: the operator, or an error the form shows (never a redirect in the middle of a POST). */
export async function requireOperatorForAction(): Promise<SessionOperator> {
  const operator = await getOperator();
  if (!operator) throw new UserError("Your session has ended. Sign in again.", "unauthorized");
  return operator;
}
