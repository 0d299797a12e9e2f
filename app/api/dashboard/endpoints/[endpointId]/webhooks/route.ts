// A page of an endpoint's log as JSON, for the dashboard's TanStack queries; signed-in operators only.
import { parseLogFilters } from "@/lib/webhooks/log-filters";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { listWebhooks } from "@/lib/webhooks/queries";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ endpointId: string }> }) {
  return dashboardJson(async () => {
    const { endpointId } = routeIds(await params);
    const search = new URL(request.url).searchParams;
    const filters = parseLogFilters(search);
    const endpoint = await getEndpoint(endpointId);
    return listWebhooks(endpoint.id, filters, search.get("cursor"));
  });
}
