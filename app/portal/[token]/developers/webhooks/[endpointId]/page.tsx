import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PortalRefused } from "@/components/portal/portal-refused";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { EndpointHealthPanel } from "@/components/webhooks/endpoint-health";
import { EndpointLog } from "@/components/webhooks/endpoint-log";
import { EndpointSettings } from "@/components/webhooks/endpoint-settings";
import { ReplayFailedButton } from "@/components/webhooks/replay-failed";
import { SendTestEventButton } from "@/components/webhooks/send-test-event";
import { publicBaseUrl } from "@/lib/api/http";
import { AppError, AppErrorCode } from "@/lib/errors";
import { PORTAL_OPERATOR } from "@/lib/actions/safe-action";
import { portalPageContext, portalRefusal } from "@/lib/portal/page-context";
import { roleAllows } from "@/lib/tenancy/context";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { eventTypeCatalogue } from "@/lib/webhooks/event-catalogue";
import { endpointHealth } from "@/lib/webhooks/health";
import { readLogFilters } from "@/lib/webhooks/log-filters";
import { listWebhooks } from "@/lib/webhooks/queries";
import { getWebhookDetail } from "@/lib/webhooks/detail";
import { rotationOverlapHours } from "@/lib/webhooks/rotation-window";

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
  const endpoint = await getEndpoint(context, endpointId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === AppErrorCode.NotFound) notFound();
    throw error;
  });
  const { filters, error: filterError } = readLogFilters(search);
  const eventId = typeof search.event === "string" ? search.event : null;
  const [page, detail, catalogue, requestHeaders, health] = await Promise.all([
    filterError ? { items: [], nextCursor: null } : listWebhooks(context, endpoint.id, filters),
    eventId ? getWebhookDetail(context, endpoint.id, eventId).catch(() => null) : null,
    eventTypeCatalogue(context),
    headers(),
    endpointHealth(context, endpoint.id, "24h"),
  ]);
  const apiUrl = publicBaseUrl(requestHeaders);
  const canEdit = roleAllows(context.role, "admin");
  return (
    <EndpointLog
      endpoint={{
        id: endpoint.id,
        url: endpoint.url,
        name: endpoint.name,
        signatureAlgo: endpoint.signatureAlgo,
        enabled: endpoint.enabled,
        disabledReason: endpoint.disabledReason,
      }}
      initialFilters={filters}
      initialPage={page}
      initialDetail={detail}
      apiUrl={apiUrl}
      actions={
        canEdit ? (
          <>
            <SendTestEventButton endpointId={endpoint.id} />
            <ReplayFailedButton endpointId={endpoint.id} />
            <EndpointActions endpoint={endpoint} eventTypes={catalogue} operatorEmail={PORTAL_OPERATOR.email} />
          </>
        ) : null
      }
      panels={
        <>
          <EndpointSettings
            organizationId={context.organizationId}
            portal
            canEdit={canEdit}
            endpoint={endpoint}
            apiUrl={apiUrl}
            overlapHours={rotationOverlapHours()}
          />
          <EndpointHealthPanel endpointId={endpoint.id} initial={health} />
        </>
      }
    />
  );
}
