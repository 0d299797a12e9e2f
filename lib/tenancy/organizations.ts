// Organizations as the platform API and the dashboard see them: create, find by id or external_id, list, change,
// delete with everything they own.
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { noControlCharacters, wellFormedText } from "@/lib/webhooks/schemas";
import { DEFAULT_ORGANIZATION_ID } from "./context";

export type OrganizationSummary = {
  id: string;
  name: string;
  externalId: string | null;
  portalName: string | null;
  portalAccentColor: string | null;
  createdAt: Date;
};

const summarySelect = {
  id: true,
  name: true,
  externalId: true,
  portalName: true,
  portalAccentColor: true,
  createdAt: true,
} as const;

/** Names, ids and external ids are indexed or shown: bounded, no control characters, valid Unicode. */
const MAX_EXTERNAL_ID_LENGTH = 255;
const MAX_NAME_LENGTH = 100;

const boundedText = (what: string, max: number) =>
  z
    .string({ message: `${what} must be text.` })
    .trim()
    .min(1, `${what} cannot be blank.`)
    .max(max, `${what} must be at most ${max} characters.`)
    .refine(...noControlCharacters(what))
    .refine(...wellFormedText(what));

const nameSchema = boundedText("The name", MAX_NAME_LENGTH);
/** The SaaS's own id for the customer: unique; null or absent for none. */
const externalIdSchema = boundedText("The external id", MAX_EXTERNAL_ID_LENGTH).nullable();
const portalNameSchema = boundedText("The portal name", MAX_NAME_LENGTH).nullable();
const accentColorSchema = z
  .string({ message: "The accent colour must be text." })
  .regex(/^#[0-9a-fA-F]{6}$/, "The accent colour must look like #1a2b3c.")
  .transform((value) => value.toLowerCase())
  .nullable();

export const organizationInputSchema = z.strictObject({
  name: nameSchema,
  externalId: externalIdSchema.optional().transform((value) => value ?? null),
  portalName: portalNameSchema.optional().transform((value) => value ?? null),
  portalAccentColor: accentColorSchema.optional().transform((value) => value ?? null),
});
export type OrganizationInput = z.input<typeof organizationInputSchema>;

/** A change: only the fields given change (null clears an optional one). */
export const organizationUpdateSchema = z
  .strictObject({
    name: nameSchema,
    externalId: externalIdSchema,
    portalName: portalNameSchema,
    portalAccentColor: accentColorSchema,
  })
  .partial();
export type OrganizationUpdate = z.input<typeof organizationUpdateSchema>;

const NOT_FOUND = "This organization does not exist.";
const DUPLICATE_EXTERNAL_ID = "Another organization already has this external id.";

/** A reference that cannot name an organization (too long, control characters) names none. */
function isReference(ref: unknown): ref is string {
  return (
    typeof ref === "string" &&
    ref.length > 0 &&
    ref.length <= MAX_EXTERNAL_ID_LENGTH &&
    !/[\u0000-\u001f\u007f]/.test(ref) &&
    ref.isWellFormed()
  );
}

/**
 * The organization `ref` names, by its id or else its external_id (the SaaS's own customer id); null when none.
 * An id wins over an equal external_id of another organization.
 */
export async function findOrganization(ref: unknown, db: Db = getDb()): Promise<OrganizationSummary | null> {
  if (!isReference(ref)) return null;
  const rows = await db.organization.findMany({
    where: { OR: [{ id: ref }, { externalId: ref }] },
    select: summarySelect,
    take: 2,
  });
  return rows.find((row) => row.id === ref) ?? rows[0] ?? null;
}

/** As `findOrganization`, but NotFound (`organization_not_found` on the API) when there is none. */
export async function getOrganization(ref: unknown, db: Db = getDb()): Promise<OrganizationSummary> {
  const organization = await findOrganization(ref, db);
  if (!organization) throw new AppError(AppErrorCode.NotFound, NOT_FOUND, { apiCode: "organization_not_found" });
  return organization;
}

function duplicateExternalId(error: unknown): never {
  if (isUniqueViolation(error))
    throw new AppError(AppErrorCode.Conflict, DUPLICATE_EXTERNAL_ID, {
      fieldErrors: { externalId: [DUPLICATE_EXTERNAL_ID] },
    });
  throw error;
}

export async function createOrganization(input: OrganizationInput | unknown): Promise<OrganizationSummary> {
  const data = parseInput(organizationInputSchema, input);
  return getDb().organization.create({ data, select: summarySelect }).catch(duplicateExternalId);
}

/** A page of organizations, oldest first, and how many there are. */
export async function listOrganizations({
  skip,
  take,
}: {
  skip: number;
  take: number;
}): Promise<{ organizations: OrganizationSummary[]; total: number }> {
  const db = getDb();
  const [organizations, total] = await Promise.all([
    db.organization.findMany({ select: summarySelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take }),
    db.organization.count(),
  ]);
  return { organizations, total };
}

export async function updateOrganization(
  ref: unknown,
  input: OrganizationUpdate | unknown,
): Promise<OrganizationSummary> {
  const data = parseInput(organizationUpdateSchema, input);
  const organization = await getOrganization(ref);
  return getDb()
    .organization.update({ where: { id: organization.id }, data, select: summarySelect })
    .catch(duplicateExternalId);
}

/**
 * Deletes an organization and everything it owns, in one transaction: attempts, webhooks, events, endpoints, API
 * keys, memberships and invitations. The Default organization is kept: it is where the installation's own
 * HOOKLINE_API_KEY acts and where the owner lands, so deleting it is refused (its data can be deleted instead).
 */
export async function deleteOrganization(ref: unknown): Promise<OrganizationSummary> {
  const organization = await getOrganization(ref);
  if (organization.id === DEFAULT_ORGANIZATION_ID)
    throw new AppError(
      AppErrorCode.Conflict,
      "The Default organization cannot be deleted: it holds the installation's own keys and operators.",
    );
  const organizationId = organization.id;
  await getDb().$transaction(async (tx) => {
    // Attempts go with their webhooks (cascade), webhooks with their events and endpoints; deleted in the order
    // that keeps each statement small: webhooks first, then events and endpoints.
    await tx.webhook.deleteMany({ where: { organizationId } });
    await tx.event.deleteMany({ where: { organizationId } });
    await tx.webhookEndpoint.deleteMany({ where: { organizationId } });
    await tx.apiKey.deleteMany({ where: { organizationId } });
    await tx.invitation.deleteMany({ where: { organizationId } });
    await tx.membership.deleteMany({ where: { organizationId } });
    await tx.organization.delete({ where: { id: organizationId } });
  });
  return organization;
}
