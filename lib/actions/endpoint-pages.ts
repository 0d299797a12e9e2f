import { dashboardHref } from "@/lib/tenancy/hrefs";

/** The pages that show an endpoint of an organization: the list and its own page. */
export function endpointPages(organizationId: string, endpointId: string): string[] {
  return [
    dashboardHref(organizationId, "/developers/webhooks"),
    dashboardHref(organizationId, `/developers/webhooks/${endpointId}`),
  ];
}
