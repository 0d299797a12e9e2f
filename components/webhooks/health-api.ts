import { dashboardApiHref } from "@/lib/tenancy/hrefs";
import type { EndpointHealth, HealthRange } from "@/lib/webhooks/health";
import type { ReplayProgress } from "@/lib/webhooks/replay";

/** TanStack Query keys for an endpoint's health chart and its bulk replays. */
export const healthKeys = {
  all: (endpointId: string) => ["health", endpointId] as const,
  range: (endpointId: string, range: HealthRange, tz: number) => ["health", endpointId, range, tz] as const,
  replay: (endpointId: string, replayId: string) => ["replay", endpointId, replayId] as const,
};

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(
      body?.error ??
        (response.status === 401
          ? "Your session has ended. Sign in again."
          : `The server answered ${response.status}.`),
    );
  }
  return (await response.json()) as T;
}

const base = (organizationId: string, endpointId: string) =>
  dashboardApiHref(organizationId, `/endpoints/${encodeURIComponent(endpointId)}`);

export function fetchHealth(
  organizationId: string,
  endpointId: string,
  range: HealthRange,
  tz: number,
  signal?: AbortSignal,
): Promise<EndpointHealth> {
  return getJson(`${base(organizationId, endpointId)}/health?range=${range}&tz=${tz}`, signal);
}

export function fetchReplayProgress(
  organizationId: string,
  endpointId: string,
  replayId: string,
  signal?: AbortSignal,
): Promise<ReplayProgress> {
  return getJson(`${base(organizationId, endpointId)}/replays/${encodeURIComponent(replayId)}`, signal);
}

/** "98.5%": always one decimal, rounded to nearest, but never shown as 100.0% (or 0.0%) unless it is exactly that. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "–";
  const tenths = Math.min(Math.max(Math.round(rate * 1000), rate > 0 ? 1 : 0), rate < 1 ? 999 : 1000);
  return `${(tenths / 10).toFixed(1)}%`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** "84 ms", "1.2 s". */
export function formatMs(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })} s`;
}
