// An endpoint's delivery health (?range=24h|30d, ?tz=browser offset in minutes) as JSON; members of its organization only.
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { endpointHealth, HEALTH_RANGES, type HealthRange } from "@/lib/webhooks/health";
import { dashboardJson, routeIds } from "@/lib/api/dashboard";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organizationId: string; endpointId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { organizationId, ...ids } = await params;
  return dashboardJson(organizationId, async (context) => {
    const { endpointId } = routeIds(ids);
    const search = new URL(request.url).searchParams;
    const range = HEALTH_RANGES.find((r) => r === search.get("range")) ?? ("24h" satisfies HealthRange);
    const tz = Number(search.get("tz"));
    // Real offsets lie within ±14 hours; anything else is read as UTC.
    const tzOffsetMinutes = Number.isInteger(tz) && Math.abs(tz) <= 840 ? tz : 0;
    const endpoint = await getEndpoint(context, endpointId);
    return endpointHealth(context, endpoint.id, range, { tzOffsetMinutes });
  });
}
