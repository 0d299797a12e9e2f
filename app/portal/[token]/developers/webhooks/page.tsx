import type { Metadata } from "next";
import { PortalRefused } from "@/components/portal/portal-refused";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { portalPageContext, portalRefusal } from "@/lib/portal/page-context";
import { endpointLimit, listEndpoints } from "@/lib/webhooks/endpoints";
import { eventTypeCatalogue } from "@/lib/webhooks/event-catalogue";
import { endpointsHealth24h } from "@/lib/webhooks/health";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

/** The portal's Webhooks: the organization's endpoints, and Add a webhook for an admin session. */
export default async function PortalWebhooksPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const context = await portalPageContext(token);
  if (!context) return <PortalRefused {...await portalRefusal(token)} />;
  const [endpoints, catalogue] = await Promise.all([listEndpoints(context), eventTypeCatalogue(context)]);
  const health = await endpointsHealth24h(
    context,
    endpoints.map((endpoint) => endpoint.id),
  );
  return <EndpointList endpoints={endpoints} limit={endpointLimit()} eventTypes={catalogue} health={health} />;
}
