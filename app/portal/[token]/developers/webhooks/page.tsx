import type { Metadata } from "next";
import { PortalRefused } from "@/components/portal/portal-refused";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { portalPageContext, portalRefusal } from "@/lib/portal/page-context";
import { endpointListPage } from "@/lib/webhooks/endpoint-list-page";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

/** The portal's Webhooks: the organization's endpoints, and Add a webhook for an admin session. */
export default async function PortalWebhooksPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const context = await portalPageContext(token);
  if (!context) return <PortalRefused {...await portalRefusal(token)} />;
  return <EndpointList {...await endpointListPage(context)} />;
}
