import { dashboardApiHref } from "@/lib/tenancy/hrefs";
import { logFiltersToSearchParams, type LogFilters } from "@/lib/webhooks/log-filters";
import type { MatchCount, WebhookDetail, WebhookPage } from "@/lib/webhooks/queries";

/** TanStack Query keys: everything under ["webhooks", endpointId] is invalidated together after a retry or reload. */
export const logKeys = {
  all: (endpointId: string) => ["webhooks", endpointId] as const,
  list: (endpointId: string, filters: LogFilters) =>
    ["webhooks", endpointId, "list", logFiltersToSearchParams(filters).toString()] as const,
  count: (endpointId: string, filters: LogFilters) =>
    ["webhooks", endpointId, "count", logFiltersToSearchParams(filters).toString()] as const,
  detail: (endpointId: string, webhookId: string) => ["webhooks", endpointId, "detail", webhookId] as const,
  types: (endpointId: string, search: string) => ["webhooks", endpointId, "types", search] as const,
};

export class LogRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    const fallback =
      response.status === 401 ? "Your session has ended. Sign in again." : `The server answered ${response.status}.`;
    throw new LogRequestError(body?.error ?? fallback, response.status);
  }
  return (await response.json()) as T;
}

const base = (organizationId: string, endpointId: string) =>
  dashboardApiHref(organizationId, `/endpoints/${encodeURIComponent(endpointId)}/webhooks`);

export function fetchLogPage(
  organizationId: string,
  endpointId: string,
  filters: LogFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<WebhookPage> {
  const params = logFiltersToSearchParams(filters);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return getJson<WebhookPage>(`${base(organizationId, endpointId)}${query ? `?${query}` : ""}`, signal);
}

export function fetchLogCount(
  organizationId: string,
  endpointId: string,
  filters: LogFilters,
  signal?: AbortSignal,
): Promise<MatchCount> {
  const query = logFiltersToSearchParams(filters).toString();
  return getJson<MatchCount>(`${base(organizationId, endpointId)}/count${query ? `?${query}` : ""}`, signal);
}

export function fetchWebhookDetail(
  organizationId: string,
  endpointId: string,
  webhookId: string,
  signal?: AbortSignal,
): Promise<WebhookDetail> {
  return getJson<WebhookDetail>(`${base(organizationId, endpointId)}/${encodeURIComponent(webhookId)}`, signal);
}

/** The log's webhook types containing `search`: at most 20, and whether there are more. */
export function fetchWebhookTypes(
  organizationId: string,
  endpointId: string,
  search: string,
  signal?: AbortSignal,
): Promise<{ types: string[]; more: boolean }> {
  const query = search ? `?${new URLSearchParams({ q: search })}` : "";
  const url = dashboardApiHref(organizationId, `/endpoints/${encodeURIComponent(endpointId)}/webhook-types${query}`);
  return getJson(url, signal);
}

/** The short unique key shown in the list: start and end of the UUID, which the search box also understands. */
export function shortKey(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
