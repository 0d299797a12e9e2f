// The portal's token lives in the page's own path (/portal/<token>/...), never in a cookie: the browser helpers
// read it from there to authenticate the dashboard's JSON routes. Safe in the browser (no imports).

/** The header that carries a portal token to the dashboard's JSON routes. */
export const PORTAL_TOKEN_HEADER = "Hookline-Portal-Token";

/** The portal token in a page's path (/portal/<token>/...); null for any other path. */
export function portalTokenOf(pathname: string): string | null {
  return /^\/portal\/([\w-]+\.[\w-]+\.[\w-]+)(?:\/|$)/.exec(pathname)?.[1] ?? null;
}

/** The portal token of the page this code runs on; null on the dashboard (and on the server). */
export function currentPortalToken(): string | null {
  if (typeof window === "undefined") return null;
  return portalTokenOf(window.location.pathname);
}

/** Headers for a fetch of the dashboard's JSON: the portal's token on a portal page, nothing on the dashboard. */
export function portalHeaders(): Record<string, string> {
  const token = currentPortalToken();
  return token ? { [PORTAL_TOKEN_HEADER]: token } : {};
}

/** A portal page's path: `path` as on the dashboard ("/developers/webhooks/…"), under /portal/<token>. */
export function portalHref(token: string, path: string): string {
  return `/portal/${token}${path.startsWith("/") ? path : `/${path}`}`;
}
