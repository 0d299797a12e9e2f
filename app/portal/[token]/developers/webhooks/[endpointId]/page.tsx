import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PortalRefused } from "@/components/portal/portal-refused";
import { EndpointPage } from "@/components/webhooks/endpoint-page";
import { publicBaseUrl } from "@/lib/api/http";
import { PORTAL_OPERATOR } from "@/lib/actions/safe-action";
import { portalPageContext, portalRefusal } from "@/lib/portal/page-context";
import { endpointLogPage } from "@/lib/webhooks/endpoint-log-page";

export const metadata: Metadata = { title: "Webhook log" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ token: string; endpointId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The portal's endpoint page: its log and event detail; Retry, Send test event and changes for an admin session. */
export default async function PortalEndpointPage({ params, searchParams }: Props) {
  const [{ token, endpointId }, search] = await Promise.all([params, searchParams]);
  const context = await portalPageContext(token);
  if (!context) return <PortalRefused {...await portalRefusal(token)} />;
  const [data, requestHeaders] = await Promise.all([endpointLogPage(context, endpointId, search), headers()]);
  if (!data) notFound();
  return (
    <EndpointPage
      data={data}
      organizationId={context.organizationId}
      apiUrl={publicBaseUrl(requestHeaders)}
      operatorEmail={PORTAL_OPERATOR.email}
      portal
    />
  );
}
