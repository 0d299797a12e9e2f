import type { Metadata } from "next";
import { OrganizationProvider } from "@/components/layout/organization";
import { PortalExpiry } from "@/components/portal/portal-expiry";
import { PortalRefused } from "@/components/portal/portal-refused";
import { portalBranding, portalPageContext, portalRefusal } from "@/lib/portal/page-context";

export const dynamic = "force-dynamic";
// The token is in the path: no page of the portal tells another site where it came from.
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false, follow: false } };

type Props = { children: React.ReactNode; params: Promise<{ token: string }> };

/**
 * The customer portal: one organization's webhooks, in a layout made to be embedded (no sidebar, no account menu),
 * titled and coloured as the organization's portal. The token in the path is checked here and on every page,
 * action and JSON request; an expired or tampered link shows why and grants nothing.
 */
export default async function PortalLayout({ children, params }: Props) {
  const { token } = await params;
  const context = await portalPageContext(token);
  if (!context) return <PortalRefused {...await portalRefusal(token)} />;
  const branding = await portalBranding(context.organizationId);
  return (
    <div
      className={branding.accentColor ? "portal-accent min-h-screen bg-white" : "min-h-screen bg-white"}
      style={branding.accentColor ? ({ "--portal-accent": branding.accentColor } as React.CSSProperties) : undefined}
    >
      <PortalExpiry expiresAt={context.expiresAt.toISOString()}>
        <OrganizationProvider
          organization={{ id: context.organizationId, role: context.role, isOwner: false, portalToken: token }}
        >
          <header className="border-b border-slate-200">
            <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-4 sm:px-8">
              <span aria-hidden className="h-6 w-1.5 rounded-full bg-brand-600" />
              <p className="min-w-0 truncate text-base font-semibold tracking-tight text-slate-900">{branding.title}</p>
              <span className="ml-auto shrink-0 rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
                {context.role === "admin" ? "Admin" : "Read only"}
              </span>
            </div>
          </header>
          <main id="content" className="mx-auto max-w-6xl px-4 py-6 sm:px-8">
            {children}
          </main>
        </OrganizationProvider>
      </PortalExpiry>
    </div>
  );
}
