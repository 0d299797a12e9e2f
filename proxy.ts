// Every page's security headers, with a fresh CSP nonce per request (Next puts it on its own scripts), and a portal
// page's theme for the root layout.
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { config as settings } from "@/lib/config";
import { PORTAL_THEME_HEADER, portalPageTheme } from "@/lib/portal/theme";
import { securityHeaders, type FramingRule } from "@/lib/security-headers";

/** Routes that may be framed, and by whom (see lib/security-headers.ts): the customer portal, by the origins listed. */
const framing = (): FramingRule[] => {
  const origins = settings().portal.frameAncestors;
  return origins.length > 0 ? [{ prefix: "/portal/", ancestors: origins.join(" ") }] : [];
};

export function proxy(request: NextRequest) {
  const nonce = randomBytes(16).toString("base64");
  const headers = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    dev: process.env.NODE_ENV === "development",
    https: settings().https,
    framing: framing(),
  });
  // Next reads the nonce from the request's own CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  requestHeaders.set("x-nonce", nonce);
  // A portal page is rendered in its embedder's theme (the root layout reads it); no other request may claim one.
  const portalTheme = portalPageTheme(request.nextUrl.pathname);
  if (portalTheme) requestHeaders.set(PORTAL_THEME_HEADER, portalTheme);
  else requestHeaders.delete(PORTAL_THEME_HEADER);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API routes and static files carry fixed headers (next.config.js), and prefetches need no nonce.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
