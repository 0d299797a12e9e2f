// How many of an endpoint's webhooks match the log's filters (exact up to 10,000), as JSON; signed-in operators only.
import { dashboardJson, routeIds } from "@/lib/api/dashboard";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { parseLogFilters } from "@/lib/webhooks/log-filters";
import { countWebhooks } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ endpointId: string }> }) {
  return dashboardJson(async () => {
    const { endpointId } = routeIds(await params);
    const filters = parseLogFilters(new URL(request.url).searchParams);
    const endpoint = await getEndpoint(endpointId);
    return countWebhooks(endpoint.id, filters);
  });
}
