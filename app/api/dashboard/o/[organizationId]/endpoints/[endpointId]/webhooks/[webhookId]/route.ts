// One webhook of an endpoint's log (properties, payload, error response, attempts) as JSON; members of its organization, or its portal session.
import { getWebhookDetail } from "@/lib/webhooks/detail";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ organizationId: string; endpointId: string; webhookId: string }> },
) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(
    organizationId,
    async (context) => {
      const { endpointId, webhookId } = routeIds(ids);
      return getWebhookDetail(context, endpointId, webhookId);
    },
    request,
  );
}
