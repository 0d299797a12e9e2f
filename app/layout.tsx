import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Providers } from "@/components/providers";
import { ThemeProvider } from "@/components/layout/theme";
import { parseTheme, THEME_COOKIE } from "@/components/layout/theme-choice";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hookline", template: "%s · Hookline" },
  description: "Webhooks: endpoints, signed deliveries, retries and logs.",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme is in the HTML itself (no inline script), so the first paint is right under a strict CSP.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen">
        <ThemeProvider initial={theme}>
          <Providers>{children}</Providers>
        </ThemeProvider>
      </body>
    </html>
  );
}
