// How a bulk replay of an endpoint stands (counts by status of the webhooks it re-queued); signed-in operators only.
import { replayProgress } from "@/lib/webhooks/replay";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ endpointId: string; replayId: string }> },
) {
  return dashboardJson(async () => {
    const { endpointId, replayId } = routeIds(await params);
    return replayProgress(endpointId, replayId);
  });
}
