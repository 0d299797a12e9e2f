import type { EndpointLogPage } from "@/lib/webhooks/endpoint-log-page";
import { EndpointActions } from "./endpoint-actions";
import { EndpointHealthPanel } from "./endpoint-health";
import { EndpointLog } from "./endpoint-log";
import { EndpointSettings } from "./endpoint-settings";
import { ReplayFailedButton } from "./replay-failed";
import { SendTestEventButton } from "./send-test-event";

/** An endpoint's page, as the dashboard and the portal show it: its log, its actions and its settings. */
export function EndpointPage({
  data,
  organizationId,
  apiUrl,
  operatorEmail,
  portal = false,
}: {
  data: EndpointLogPage;
  organizationId: string;
  apiUrl: string;
  /** Who disables the endpoint, as the disable dialog says. */
  operatorEmail: string;
  /** On the customer portal: nothing that needs an API key or leads to the dashboard. */
  portal?: boolean;
}) {
  const { endpoint, canEdit } = data;
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
      initialFilters={data.filters}
      initialPage={data.page}
      initialDetail={data.detail}
      apiUrl={apiUrl}
      actions={
        // A viewer reads the log; sending, replaying and changing the endpoint are an admin's.
        canEdit ? (
          <>
            <SendTestEventButton endpointId={endpoint.id} />
            <ReplayFailedButton endpointId={endpoint.id} />
            <EndpointActions endpoint={endpoint} eventTypes={data.eventTypes} operatorEmail={operatorEmail} />
          </>
        ) : null
      }
      panels={
        <>
          <EndpointSettings
            organizationId={organizationId}
            portal={portal}
            canEdit={canEdit}
            endpoint={endpoint}
            apiUrl={apiUrl}
            overlapHours={data.overlapHours}
          />
          <EndpointHealthPanel endpointId={endpoint.id} initial={data.health} />
        </>
      }
    />
  );
}
