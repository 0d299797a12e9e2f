/** Where sign-in goes when no (acceptable) callback is given. */
export const DEFAULT_CALLBACK_PATH = "/";

/**
 * The path (with query and fragment) of a callback URL that resolves to `origin` itself; null for anything that
 * would leave it. Resolving as a browser does catches what a prefix check misses: `/\host`, `/%09/host`, `//host`.
 */
export function sameOriginPath(callbackUrl: string | null | undefined, origin: string): string | null {
  if (!callbackUrl || callbackUrl.length > 2048) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(callbackUrl, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  // A path starting with "//" would be protocol-relative to the browser that is sent there.
  return url.pathname.replace(/^\/+/, "/") + url.search + url.hash;
}
