import { portalHeaders } from "@/lib/portal/link";
import { dashboardApiHref } from "@/lib/tenancy/hrefs";
import { logFiltersToSearchParams, type LogFilters } from "@/lib/webhooks/log-filters";
import type { MatchCount, WebhookPage } from "@/lib/webhooks/queries";
import type { AttemptDetail, WebhookDetail } from "@/lib/webhooks/detail";

/** TanStack Query keys: everything under ["webhooks", endpointId] is invalidated together after a retry or reload. */
export const logKeys = {
  all: (endpointId: string) => ["webhooks", endpointId] as const,
  list: (endpointId: string, filters: LogFilters) =>
    ["webhooks", endpointId, "list", logFiltersToSearchParams(filters).toString()] as const,
  count: (endpointId: string, filters: LogFilters) =>
    ["webhooks", endpointId, "count", logFiltersToSearchParams(filters).toString()] as const,
  detail: (endpointId: string, webhookId: string) => ["webhooks", endpointId, "detail", webhookId] as const,
  types: (endpointId: string, search: string) => ["webhooks", endpointId, "types", search] as const,
  attempt: (endpointId: string, webhookId: string, attemptId: string) =>
    ["webhooks", endpointId, "attempt", webhookId, attemptId] as const,
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
  const response = await fetch(url, {
    signal,
    headers: { accept: "application/json", ...portalHeaders() },
    cache: "no-store",
  });
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

export function fetchAttemptDetail(
  organizationId: string,
  endpointId: string,
  webhookId: string,
  attemptId: string,
  signal?: AbortSignal,
): Promise<AttemptDetail> {
  return getJson<AttemptDetail>(
    `${base(organizationId, endpointId)}/${encodeURIComponent(webhookId)}/attempts/${encodeURIComponent(attemptId)}`,
    signal,
  );
}

/** The export of a log under its filters (one endpoint's, or every endpoint's when null): a download link. */
export function exportHref(
  organizationId: string,
  format: "csv" | "ndjson",
  filters: LogFilters,
  endpointId: string | null,
): string {
  const params = logFiltersToSearchParams(filters);
  params.set("format", format);
  if (endpointId) params.set("endpoint", endpointId);
  return `${dashboardApiHref(organizationId, "/webhooks/export")}?${params}`;
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
