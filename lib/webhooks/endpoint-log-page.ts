import { AppError, AppErrorCode } from "@/lib/errors";
import { roleAllows, type OrgContext } from "@/lib/tenancy/context";
import { getWebhookDetail, type WebhookDetail } from "./detail";
import { getEndpoint, type EndpointSummary } from "./endpoints";
import { eventTypeCatalogue } from "./event-catalogue";
import { endpointHealth, type EndpointHealth } from "./health";
import { readLogFilters, type LogFilters } from "./log-filters";
import { listWebhooks, type WebhookPage } from "./queries";
import { rotationOverlapHours } from "./rotation-window";

/** What an endpoint's page renders before the browser takes over, for the dashboard and the portal alike. */
export type EndpointLogPage = {
  endpoint: EndpointSummary;
  filters: LogFilters;
  /** The log's first page under `filters`. */
  page: WebhookPage;
  /** The event the URL names (`?event=`), when it is this endpoint's. */
  detail: WebhookDetail | null;
  eventTypes: string[];
  health: EndpointHealth;
  /** An admin: sends, replays and changes the endpoint; a viewer reads. */
  canEdit: boolean;
  overlapHours: number;
};

/** The endpoint's page in the context's organization, or null when it has no such endpoint. */
export async function endpointLogPage(
  context: OrgContext,
  endpointId: string,
  search: Record<string, string | string[] | undefined>,
): Promise<EndpointLogPage | null> {
  const endpoint = await getEndpoint(context, endpointId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === AppErrorCode.NotFound) return null;
    throw error;
  });
  if (!endpoint) return null;
  // A filter that cannot be right is shown as such by the log (it reads the same URL); nothing is queried for it.
  const { filters, error: filterError } = readLogFilters(search);
  const eventId = typeof search.event === "string" ? search.event : null;
  const [page, detail, eventTypes, health] = await Promise.all([
    filterError ? { items: [], nextCursor: null } : listWebhooks(context, endpoint.id, filters),
    eventId ? getWebhookDetail(context, endpoint.id, eventId).catch(() => null) : null,
    eventTypeCatalogue(context),
    endpointHealth(context, endpoint.id, "24h"),
  ]);
  return {
    endpoint,
    filters,
    page,
    detail,
    eventTypes,
    health,
    canEdit: roleAllows(context.role, "admin"),
    overlapHours: rotationOverlapHours(),
  };
}
