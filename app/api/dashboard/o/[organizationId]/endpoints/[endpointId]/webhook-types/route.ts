// The webhook types of an endpoint's log that contain ?q= (at most 20, and whether there are more), for the log's
// type filter; members of its organization only.
import { dashboardJson, routeIds } from "@/lib/api/dashboard";
import { parseInput } from "@/lib/errors";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { typeSearchSchema } from "@/lib/webhooks/log-filters";
import { searchWebhookTypes } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organizationId: string; endpointId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(organizationId, async (context) => {
    const { endpointId } = routeIds(ids);
    const search = parseInput(typeSearchSchema, new URL(request.url).searchParams.get("q"));
    const endpoint = await getEndpoint(context, endpointId);
    return searchWebhookTypes(context, endpoint.id, search);
  });
}
