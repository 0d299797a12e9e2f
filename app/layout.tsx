import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { Providers } from "@/components/providers";
import { ThemeProvider } from "@/components/layout/theme";
import { PORTAL_THEME_HEADER } from "@/lib/portal/theme";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hookline", template: "%s · Hookline" },
  description: "Webhooks: endpoints, signed deliveries, retries and logs.",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme is in the HTML itself (no inline script), so the first paint is right under a strict CSP. A portal
  // page's is its embedder's, from the token (proxy.ts sets the header); every other page's is the operator's cookie.
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  const portalTheme = requestHeaders.get(PORTAL_THEME_HEADER);
  const theme = parseTheme(portalTheme ?? cookieStore.get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen">
        <ThemeProvider initial={theme} fixed={portalTheme !== null}>
          <Providers>{children}</Providers>
        </ThemeProvider>
      </body>
    </html>
  );
}
