// A page of an endpoint's log as JSON, for the dashboard's TanStack queries; members of its organization only.
import { parseLogFilters } from "@/lib/webhooks/log-filters";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { listWebhooks } from "@/lib/webhooks/queries";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organizationId: string; endpointId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(organizationId, async (context) => {
    const { endpointId } = routeIds(ids);
    const search = new URL(request.url).searchParams;
    const filters = parseLogFilters(search);
    const endpoint = await getEndpoint(context, endpointId);
    return listWebhooks(context, endpoint.id, filters, search.get("cursor"));
  });
}
