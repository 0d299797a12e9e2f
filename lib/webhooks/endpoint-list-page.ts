import type { OrgScope } from "@/lib/tenancy/context";
import { endpointLimit, listEndpoints, type EndpointSummary } from "./endpoints";
import { eventTypeCatalogue } from "./event-catalogue";
import { endpointsHealth24h, type HealthSummary } from "./health";

/** What the Webhooks page lists, for the dashboard and the portal alike (the props of EndpointList). */
export type EndpointListPage = {
  endpoints: EndpointSummary[];
  limit: number;
  eventTypes: string[];
  /** Each endpoint's last 24 hours, for the list's sparklines. */
  health: Record<string, HealthSummary>;
};

export async function endpointListPage(scope: OrgScope): Promise<EndpointListPage> {
  const [endpoints, eventTypes] = await Promise.all([listEndpoints(scope), eventTypeCatalogue(scope)]);
  // Every endpoint's last 24 hours in one grouped query.
  const health = await endpointsHealth24h(
    scope,
    endpoints.map((endpoint) => endpoint.id),
  );
  return { endpoints, limit: endpointLimit(), eventTypes, health };
}
