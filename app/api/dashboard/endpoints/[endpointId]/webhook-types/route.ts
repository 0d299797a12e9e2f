// The webhook types of an endpoint's log that contain ?q= (at most 20, and whether there are more), for the log's
// type filter; signed-in operators only.
import { dashboardJson, routeIds } from "@/lib/api/dashboard";
import { parseInput } from "@/lib/errors";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { typeSearchSchema } from "@/lib/webhooks/log-filters";
import { searchWebhookTypes } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ endpointId: string }> }) {
  return dashboardJson(async () => {
    const { endpointId } = routeIds(await params);
    const search = parseInput(typeSearchSchema, new URL(request.url).searchParams.get("q"));
    const endpoint = await getEndpoint(endpointId);
    return searchWebhookTypes(endpoint.id, search);
  });
}
