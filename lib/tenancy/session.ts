// The organization a dashboard page is in, for the signed-in operator: resolved once per request by the page or
// layout that serves /o/<organizationId>/..., and where an operator lands without one.
import { notFound } from "next/navigation";
import { requireOperator } from "@/lib/auth/session";
import { AppError, AppErrorCode } from "@/lib/errors";
import { isId } from "@/lib/webhooks/schemas";
import { DEFAULT_ORGANIZATION_ID, memberContext, organizationsOf, type OrgContext, type OrgOperator } from "./context";

export type MemberContext = OrgContext & { operator: OrgOperator };

/**
 * For pages under /o/<organizationId>: the signed-in operator's context there (signed out: to sign-in); an
 * organization they are not a member of is the 404 page, exactly as one that does not exist.
 */
export async function requireMember(organizationId: string): Promise<MemberContext> {
  const operator = await requireOperator();
  if (!isId(organizationId)) notFound();
  try {
    const context = await memberContext(operator, organizationId);
    return { ...context, operator: context.operator ?? { ...operator, isOwner: false } };
  } catch (error) {
    if (error instanceof AppError && error.code === AppErrorCode.NotFound) notFound();
    throw error;
  }
}

/** Where an operator lands: the Default organization when they may enter it, else their first by name; null: none. */
export async function homeOrganization(operatorId: string): Promise<string | null> {
  const choices = await organizationsOf(operatorId);
  return (choices.find((choice) => choice.id === DEFAULT_ORGANIZATION_ID) ?? choices[0])?.id ?? null;
}
