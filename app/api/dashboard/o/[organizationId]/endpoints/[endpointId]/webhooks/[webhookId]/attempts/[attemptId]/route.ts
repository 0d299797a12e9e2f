// One attempt of a webhook (request as sent, response headers and body) as JSON; members of its organization, or its portal.
import { getAttemptDetail } from "@/lib/webhooks/detail";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ organizationId: string; endpointId: string; webhookId: string; attemptId: string }> },
) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(
    organizationId,
    async (context) => {
      const { endpointId, webhookId, attemptId } = routeIds(ids);
      return getAttemptDetail(context, endpointId, webhookId, attemptId);
    },
    request,
  );
}
