// A portal page's theme is its embedder's, named in the token (its iframe has no theme cookie). proxy.ts reads it
// here and hands it to the root layout in a request header, which renders <html data-theme> from it: the first paint
// is right with no script, and the whole document (scrollbars, form controls, dialogs) takes the theme.
import { decodeJwt } from "jose";
import { parseTheme, type Theme } from "@/lib/theme";
import { portalTokenOf } from "./link";

/** The request header proxy.ts sets on portal pages only (and removes from every other request). */
export const PORTAL_THEME_HEADER = "x-hookline-portal-theme";

/**
 * The theme of the page at `pathname`: the `theme` claim of its portal token (signed by `signPortalToken`), "system"
 * for a token without one or a path that holds none; null when the page is not the portal's. The claim is read
 * without checking the signature: it chooses colours only, and the portal's pages refuse a token that is not ours.
 */
export function portalPageTheme(pathname: string): Theme | null {
  if (!pathname.startsWith("/portal/")) return null;
  const token = portalTokenOf(pathname);
  if (!token) return "system";
  try {
    const { theme } = decodeJwt(token);
    return parseTheme(typeof theme === "string" ? theme : undefined);
  } catch {
    // Not a JWT at all: the page says the link does not work, in the browser's colour scheme.
    return "system";
  }
}
