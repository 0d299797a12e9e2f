/**
 * The security headers of every page (set by proxy.ts, which makes a nonce per request): a Content-Security-Policy
 * whose scripts need that nonce, framing refused, no MIME sniffing, a same-origin referrer, and HSTS over HTTPS.
 * API routes and static files get their fixed headers from next.config.js.
 */

/**
 * Who may frame which pages: nobody, unless a route prefix is listed here. The customer portal will add one line,
 * e.g. `{ prefix: "/portal/", ancestors: settings.portal.frameAncestors }`.
 */
export type FramingRule = { prefix: string; ancestors: string };

export function frameAncestors(pathname: string, rules: readonly FramingRule[]): string {
  return rules.find((rule) => pathname.startsWith(rule.prefix))?.ancestors ?? "'none'";
}

export type SecurityHeaderOptions = {
  nonce: string;
  pathname: string;
  /** Development needs 'unsafe-eval' (React rebuilds server stacks with eval) and the hot-reload socket. */
  dev: boolean;
  /** Served over HTTPS (HOOKLINE_PUBLIC_URL is https://): HSTS, and plain-HTTP subresources upgraded. */
  https: boolean;
  framing?: readonly FramingRule[];
};

export function contentSecurityPolicy({
  nonce,
  dev,
  https,
  ancestors,
}: {
  nonce: string;
  dev: boolean;
  https: boolean;
  ancestors: string;
}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': the nonce'd scripts (Next's) may load the chunks they need.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, widths) are React's; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const ancestors = frameAncestors(options.pathname, options.framing ?? []);
  return {
    "Content-Security-Policy": contentSecurityPolicy({ ...options, ancestors }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    // Older browsers know only X-Frame-Options; it cannot express a list, so framable routes go without.
    ...(ancestors === "'none'" ? { "X-Frame-Options": "DENY" } : {}),
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
