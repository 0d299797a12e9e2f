// The portal's link: a signed token in the URL's path (never a cookie, so it works in an iframe whose third-party
// cookies are blocked). HS256 over {org, role, theme, exp, jti} with the installation's portal secret, kept in
// `settings`.
import { randomBytes, randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { getOrCreateSetting } from "@/lib/settings";
import { isRole, type OrgContext, type Role } from "@/lib/tenancy/context";
import { THEMES, type Theme } from "@/lib/theme";
import { idSchema } from "@/lib/webhooks/schemas";

export const PORTAL_SECRET_SETTING = "portal_secret";
/** Every token says what it is for: a token signed for anything else with the same secret is refused. */
const AUDIENCE = "hookline-portal";
export const PORTAL_TTL_S = { min: 60, max: 86_400, default: 3_600 } as const;
/** A compact JWS is three base64url parts; a longer "token" is not one of ours. */
const MAX_TOKEN_LENGTH = 1_024;

/** The portal as the caller sees it: one organization, one role, until `expiresAt`. */
export type PortalContext = OrgContext & { via: "portal"; expiresAt: Date; token: string };

async function portalSecret(): Promise<Uint8Array> {
  const secret = await getOrCreateSetting(PORTAL_SECRET_SETTING, () => randomBytes(32).toString("base64url"));
  return new TextEncoder().encode(secret);
}

/** Signs a portal token for `organizationId` with `role` and the embedder's `theme`, valid `ttlSeconds` from `now`. */
export async function signPortalToken(
  {
    organizationId,
    role,
    theme = "system",
    ttlSeconds,
  }: { organizationId: string; role: Role; theme?: Theme; ttlSeconds: number },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const token = await new SignJWT({ org: organizationId, role, theme })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(await portalSecret());
  return { token, expiresAt: new Date(exp * 1000) };
}

const claimsSchema = z.object({
  org: idSchema,
  role: z.string().refine(isRole),
  // Tokens signed before the portal had themes carry none: they follow the browser, as before.
  theme: z.enum(THEMES).default("system"),
  exp: z.number().int(),
});

/** Why a link grants nothing, for the page that says so. */
export type PortalRefusal = "expired" | "invalid";

/** The token's claims if its signature is ours and it has not expired; otherwise why not. Never throws. */
export async function readPortalToken(
  token: string,
  now = new Date(),
): Promise<
  { ok: true; organizationId: string; role: Role; theme: Theme; expiresAt: Date } | { ok: false; reason: PortalRefusal }
> {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
    return { ok: false, reason: "invalid" };
  }
  try {
    const { payload } = await jwtVerify(token, await portalSecret(), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      currentDate: now,
      clockTolerance: 0,
      requiredClaims: ["exp", "jti"],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: "invalid" };
    return {
      ok: true,
      organizationId: claims.data.org,
      role: claims.data.role as Role,
      theme: claims.data.theme,
      expiresAt: new Date(claims.data.exp * 1000),
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JOSEError) return { ok: false, reason: "invalid" };
    throw error;
  }
}

export const PORTAL_REFUSED: Record<PortalRefusal, string> = {
  expired: "This portal link has expired. Open the portal again from the application that gave you the link.",
  invalid: "This portal link is not valid. Open the portal again from the application that gave you the link.",
};

/**
 * The context a portal token grants: its organization (which must still exist) with its role. Checked on every
 * request, page, action and JSON route alike; a refused token is Unauthorized with the message the page shows.
 */
export async function portalContext(token: string, db: Db = getDb(), now = new Date()): Promise<PortalContext> {
  const read = await readPortalToken(token, now);
  if (!read.ok) throw new AppError(AppErrorCode.Unauthorized, PORTAL_REFUSED[read.reason]);
  const organization = await db.organization.findUnique({ where: { id: read.organizationId }, select: { id: true } });
  if (!organization) throw new AppError(AppErrorCode.Unauthorized, PORTAL_REFUSED.invalid);
  return { organizationId: read.organizationId, role: read.role, via: "portal", expiresAt: read.expiresAt, token };
}
