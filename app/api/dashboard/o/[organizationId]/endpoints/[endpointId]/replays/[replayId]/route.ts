// How a bulk replay of an endpoint stands (counts by status of the webhooks it re-queued); members of its organization only.
import { replayProgress } from "@/lib/webhooks/replay";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ organizationId: string; endpointId: string; replayId: string }> },
) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(organizationId, async (context) => {
    const { endpointId, replayId } = routeIds(ids);
    return replayProgress(context, endpointId, replayId);
  });
}
