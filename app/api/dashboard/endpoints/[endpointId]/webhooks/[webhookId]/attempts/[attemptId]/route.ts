// One attempt of a webhook (request as sent, response headers and body) as JSON; signed-in operators only.
import { getAttemptDetail } from "@/lib/webhooks/queries";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ endpointId: string; webhookId: string; attemptId: string }> },
) {
  return dashboardJson(async () => {
    const { endpointId, webhookId, attemptId } = routeIds(await params);
    return getAttemptDetail(endpointId, webhookId, attemptId);
  });
}
