import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { EndpointHealthPanel } from "@/components/webhooks/endpoint-health";
import { EndpointLog } from "@/components/webhooks/endpoint-log";
import { EndpointSettings } from "@/components/webhooks/endpoint-settings";
import { ReplayFailedButton } from "@/components/webhooks/replay-failed";
import { SendTestEventButton } from "@/components/webhooks/send-test-event";
import { publicBaseUrl } from "@/lib/api/http";
import { roleAllows } from "@/lib/tenancy/context";
import { requireMember } from "@/lib/tenancy/session";
import { AppError, AppErrorCode } from "@/lib/errors";
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
  params: Promise<{ organizationId: string; endpointId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The endpoint's log: the first page (and the linked event, if any) rendered here, the rest fetched by the client. */
export default async function EndpointLogPage({ params, searchParams }: Props) {
  const [{ organizationId, endpointId }, search] = await Promise.all([params, searchParams]);
  const context = await requireMember(organizationId);
  const endpoint = await getEndpoint(context, endpointId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === AppErrorCode.NotFound) notFound();
    throw error;
  });
  // A filter that cannot be right is shown as such by the log (it reads the same URL); nothing is queried for it.
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
        // A viewer reads the log; sending, replaying and changing the endpoint are an admin's.
        canEdit ? (
          <>
            <SendTestEventButton endpointId={endpoint.id} />
            <ReplayFailedButton endpointId={endpoint.id} />
            <EndpointActions endpoint={endpoint} eventTypes={catalogue} operatorEmail={context.operator.email} />
          </>
        ) : null
      }
      panels={
        <>
          <EndpointSettings
            organizationId={context.organizationId}
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
