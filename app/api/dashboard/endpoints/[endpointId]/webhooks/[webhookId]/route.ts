// One webhook of an endpoint's log (properties, payload, error response, attempts) as JSON; signed-in operators only.
import { getWebhookDetail } from "@/lib/webhooks/queries";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ endpointId: string; webhookId: string }> },
) {
  return dashboardJson(async () => {
    const { endpointId, webhookId } = routeIds(await params);
    return getWebhookDetail(endpointId, webhookId);
  });
}
