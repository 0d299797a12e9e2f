// Portal sessions, made by the SaaS's backend (platform API): a link to one organization's webhooks, for a while.
import { z } from "zod";
import { ROLES } from "@/lib/tenancy/context";
import { THEMES, type Theme } from "@/lib/theme";
import { portalHref } from "./link";
import { PORTAL_TTL_S, signPortalToken } from "./tokens";

export const portalSessionInputSchema = z.strictObject({
  portal_session: z.strictObject({
    role: z
      .enum(ROLES, { message: 'role must be "admin" or "viewer".' })
      .meta({ description: "admin: add, change and retry; viewer: read the endpoints and their logs only." }),
    ttl_seconds: z
      .number({ message: "ttl_seconds must be a whole number of seconds." })
      .int("ttl_seconds must be a whole number of seconds.")
      .min(PORTAL_TTL_S.min, `ttl_seconds must be at least ${PORTAL_TTL_S.min}.`)
      .max(PORTAL_TTL_S.max, `ttl_seconds must be at most ${PORTAL_TTL_S.max}.`)
      .default(PORTAL_TTL_S.default)
      .meta({ description: "How long the link works, in seconds (60 to 86400; 3600 by default)." }),
    theme: z.enum(THEMES, { message: 'theme must be "system", "light" or "dark".' }).default("system").meta({
      description:
        "Your page's theme, which the portal takes from its first paint: light, dark, or system (the browser's colour scheme; the default).",
    }),
  }),
});

export type PortalSessionInput = z.input<typeof portalSessionInputSchema>;

/** What the route answers: the link to open (or frame), when it stops working and the theme it shows. */
export type LagoPortalSession = { portal_session: { url: string; expires_at: string; theme: Theme } };

/** Signs a portal link to `organizationId` (already resolved and checked by the caller) for the parsed request. */
export async function createPortalSession(
  organizationId: string,
  session: z.output<typeof portalSessionInputSchema>["portal_session"],
  baseUrl: string,
  now = new Date(),
): Promise<LagoPortalSession> {
  const { token, expiresAt } = await signPortalToken(
    { organizationId, role: session.role, theme: session.theme, ttlSeconds: session.ttl_seconds },
    now,
  );
  return {
    portal_session: {
      url: `${baseUrl}${portalHref(token, "/developers/webhooks")}`,
      expires_at: expiresAt.toISOString(),
      theme: session.theme,
    },
  };
}
