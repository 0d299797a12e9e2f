// Organizations for tests: the Default one every migrated database has, and others made on demand.
import type { Db } from "@/lib/db/client";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

/** The Default organization as a scope: what every test worked in before organizations. */
export const DEFAULT_ORG = { organizationId: DEFAULT_ORGANIZATION_ID } as const;

/** Another organization (a fresh one per call), as a scope. */
export async function newOrganization(
  db: Db,
  name = "Other",
  externalId: string | null = null,
): Promise<{ organizationId: string }> {
  const organization = await db.organization.create({ data: { name, externalId }, select: { id: true } });
  return { organizationId: organization.id };
}
