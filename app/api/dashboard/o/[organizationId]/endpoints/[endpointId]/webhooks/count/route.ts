// How many of an endpoint's webhooks match the log's filters (exact up to 10,000), as JSON; members of its organization only.
import { dashboardJson, routeIds } from "@/lib/api/dashboard";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { parseLogFilters } from "@/lib/webhooks/log-filters";
import { countWebhooks } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organizationId: string; endpointId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(organizationId, async (context) => {
    const { endpointId } = routeIds(ids);
    const filters = parseLogFilters(new URL(request.url).searchParams);
    const endpoint = await getEndpoint(context, endpointId);
    return countWebhooks(context, endpoint.id, filters);
  });
}
