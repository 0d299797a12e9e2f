// Who is asking, and for which organization: one context, resolved at the edge (a dashboard page or action, a
// REST request, a portal link) and handed to every lib function that reads or changes an organization's data.
import { getDb, type Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";

/** The organization every installation has: what existed before organizations, and a fresh installation's first. */
export const DEFAULT_ORGANIZATION_ID = "00000000-0000-7000-8000-000000000001";

/** An organization's roles, weakest first: a viewer reads, an admin changes things and sees secrets. */
export const ROLES = ["viewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what `required` may. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export const isRole = (value: unknown): value is Role => value === "admin" || value === "viewer";

/** How the caller proved who it is. */
export type ContextVia = "member" | "apiKey" | "installationKey" | "portal";

export type OrgOperator = { id: string; email: string; isOwner: boolean };

/** One caller acting in one organization with one role. */
export type OrgContext = {
  organizationId: string;
  role: Role;
  via: ContextVia;
  /** The signed-in operator (member sessions only). */
  operator?: OrgOperator;
};

/** What a lib function needs of its caller to scope its queries: the organization (an OrgContext is one). */
export type OrgScope = Pick<OrgContext, "organizationId">;

/**
 * The where clause every query of an organization's rows starts from (`{ ...orgScope(ctx), id }`): a row of another
 * organization is then exactly as absent as a missing one.
 */
export function orgScope(scope: OrgScope): { organizationId: string } {
  return { organizationId: scope.organizationId };
}

/** Refuses a context whose role is weaker than `required`, with the message every surface shows. */
export function requireRole(context: OrgContext, required: Role): OrgContext {
  if (!roleAllows(context.role, required)) {
    throw new AppError(AppErrorCode.Forbidden, "Your role does not allow this. Ask an admin of this organization.");
  }
  return context;
}

const NOT_FOUND = "This organization does not exist, or you are not a member of it.";

/**
 * A signed-in operator's context in `organizationId`: their membership's role; the installation's owner enters any
 * organization as an admin. Neither: NotFound, the same answer as for an organization that does not exist.
 */
export async function memberContext(
  operator: { id: string; email: string },
  organizationId: string,
  db: Db = getDb(),
): Promise<OrgContext> {
  const [row, organization] = await Promise.all([
    db.operator.findUnique({
      where: { id: operator.id },
      select: { isOwner: true, memberships: { where: { organizationId }, select: { role: true } } },
    }),
    db.organization.findUnique({ where: { id: organizationId }, select: { id: true } }),
  ]);
  if (!row || !organization) throw new AppError(AppErrorCode.NotFound, NOT_FOUND);
  const membership = row.memberships[0];
  const role = membership && isRole(membership.role) ? membership.role : row.isOwner ? "admin" : null;
  if (!role) throw new AppError(AppErrorCode.NotFound, NOT_FOUND);
  return { organizationId, role, via: "member", operator: { ...operator, isOwner: row.isOwner } };
}

export type OrganizationChoice = { id: string; name: string; role: Role };

/** The organizations an operator can enter, by name: their memberships, or every organization for the owner. */
export async function organizationsOf(operatorId: string, db: Db = getDb()): Promise<OrganizationChoice[]> {
  const operator = await db.operator.findUnique({
    where: { id: operatorId },
    select: {
      isOwner: true,
      memberships: { select: { role: true, organization: { select: { id: true, name: true } } } },
    },
  });
  if (!operator) return [];
  const choices = new Map<string, OrganizationChoice>();
  for (const m of operator.memberships) {
    if (isRole(m.role)) choices.set(m.organization.id, { ...m.organization, role: m.role });
  }
  if (operator.isOwner) {
    for (const organization of await db.organization.findMany({ select: { id: true, name: true } })) {
      if (!choices.has(organization.id)) choices.set(organization.id, { ...organization, role: "admin" });
    }
  }
  return [...choices.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
