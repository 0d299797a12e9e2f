// The portal's pages: the context a link's token grants, read again on every page (a layout is not re-run on every
// navigation), and the organization's branding.
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { PORTAL_REFUSED, portalContext, readPortalToken, type PortalContext } from "./tokens";

export type PortalBranding = { title: string; accentColor: string | null };

/** For a portal page: the token's context, or null when the link grants nothing (expired, tampered, gone). */
export async function portalPageContext(token: string): Promise<PortalContext | null> {
  try {
    return await portalContext(token);
  } catch (error) {
    if (error instanceof AppError && error.code === AppErrorCode.Unauthorized) return null;
    throw error;
  }
}

/** Why a link grants nothing, in the words of the page that says so. */
export async function portalRefusal(token: string): Promise<{ title: string; message: string }> {
  const read = await readPortalToken(token);
  return !read.ok && read.reason === "expired"
    ? { title: "This session has ended", message: PORTAL_REFUSED.expired }
    : { title: "This link does not work", message: PORTAL_REFUSED.invalid };
}

/** The portal's title (its portal name, else the organization's name) and accent colour. */
export async function portalBranding(organizationId: string): Promise<PortalBranding> {
  const organization = await getDb().organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { name: true, portalName: true, portalAccentColor: true },
  });
  return { title: organization.portalName ?? organization.name, accentColor: organization.portalAccentColor };
}
