"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import { cn } from "@/components/ui/cn";
import type { EndpointHealth, HealthBucket, HealthRange } from "@/lib/webhooks/health";
import { rateTone } from "./endpoint-sparkline";
import { fetchHealth, formatCount, formatMs, formatRate, healthKeys } from "./health-api";
import { useOrganization } from "@/components/layout/organization";

const REFRESH_MS = 30_000;

const RANGES: { value: HealthRange; label: string; period: string; per: string }[] = [
  { value: "24h", label: "24 hours", period: "the last 24 hours", per: "per hour" },
  { value: "30d", label: "30 days", period: "the last 30 days", per: "per day" },
];

const SERIES = [
  { key: "succeeded", label: "Succeeded", color: "#10b981", pattern: null },
  { key: "failed", label: "Failed", color: "#ef4444", pattern: "stripes" },
  { key: "inProgress", label: "Pending or retrying", color: "#94a3b8", pattern: "dots" },
] as const;

const subscribe = () => () => undefined;
/** The browser's offset from UTC in minutes (0 while rendering on the server, like LocalTime). */
function useTimezoneOffset(): { tz: number; isClient: boolean } {
  const tz = useSyncExternalStore(
    subscribe,
    () => new Date().getTimezoneOffset(),
    () => 0,
  );
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return { tz, isClient };
}

function bucketLabel(start: string, range: HealthRange, isClient: boolean, long = false): string {
  const date = new Date(start);
  const timeZone = isClient ? undefined : "UTC";
  if (range === "24h") {
    const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });
    return long ? `${date.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone })}, ${time}` : time;
  }
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(long ? { weekday: "short" } : {}),
    timeZone,
  });
}

/** Fill of one series: solid, striped or dotted, so the stacks read in greyscale too. */
function Swatch({ series, id }: { series: (typeof SERIES)[number]; id: string }) {
  return (
    <svg aria-hidden width="12" height="12" className="shrink-0 rounded-[3px]">
      <rect width="12" height="12" fill={series.pattern ? `url(#${id}-${series.key})` : series.color} />
    </svg>
  );
}

function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-failed`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ef4444" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="var(--color-white)" strokeWidth="2.5" strokeOpacity="0.55" />
      </pattern>
      <pattern id={`${id}-inProgress`} patternUnits="userSpaceOnUse" width="5" height="5">
        <rect width="5" height="5" fill="var(--color-slate-300)" />
        <circle cx="2.5" cy="2.5" r="1.2" fill="var(--color-slate-600)" />
      </pattern>
    </defs>
  );
}

function ChartTooltip({
  active,
  payload,
  range,
  isClient,
}: TooltipContentProps<number, string> & { range: HealthRange; isClient: boolean }) {
  const bucket = payload?.[0]?.payload as HealthBucket | undefined;
  if (!active || !bucket) return null;
  return (
    <div className="rounded-lg bg-white px-3 py-2 text-xs shadow-lg ring-1 ring-slate-200 dark:bg-slate-50">
      <p className="mb-1 font-medium text-slate-900">{bucketLabel(bucket.start, range, isClient, true)}</p>
      {SERIES.map((s) => (
        <p key={s.key} className="flex items-center justify-between gap-6 text-slate-600">
          <span>{s.label}</span>
          <span className="font-medium tabular-nums text-slate-900">{formatCount(bucket[s.key])}</span>
        </p>
      ))}
    </div>
  );
}

function Stat({ label, value, tone, hint }: { label: string; value: string; tone?: string; hint?: string }) {
  return (
    <div className="min-w-0 px-5 py-3.5">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd
        className={cn("mt-1 truncate text-xl font-semibold tabular-nums tracking-tight text-slate-900", tone)}
        title={hint}
      >
        {value}
      </dd>
    </div>
  );
}

/** The endpoint page's health card: deliveries by status per hour (24 h) or per day (30 days), rate and response times. */
export function EndpointHealthPanel({ endpointId, initial }: { endpointId: string; initial: EndpointHealth }) {
  const [range, setRange] = useState<HealthRange>("24h");
  const { tz, isClient } = useTimezoneOffset();
  const patternId = `health${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const headingId = useId();
  const organization = useOrganization();

  const query = useQuery({
    queryKey: healthKeys.range(endpointId, range, tz),
    queryFn: ({ signal }) => fetchHealth(organization.id, endpointId, range, tz, signal),
    // Hours line up in every whole-hour time zone, so the server's 24 h answer fits as it is.
    initialData: range === "24h" && tz % 60 === 0 ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  const health = query.data ?? initial;

  // An operator action (retry, resend, send test event) invalidates the log: the numbers follow at once, not in 30 s.
  const queryClient = useQueryClient();
  useEffect(() => {
    let queued = false;
    return queryClient.getQueryCache().subscribe((event) => {
      const [scope, id] = event.query.queryKey as unknown[];
      if (
        event.type !== "updated" ||
        event.action.type !== "invalidate" ||
        scope !== "webhooks" ||
        id !== endpointId ||
        queued
      )
        return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        void queryClient.invalidateQueries({ queryKey: healthKeys.all(endpointId) });
      });
    });
  }, [queryClient, endpointId]);
  const shownRange = health.range;
  const shown = RANGES.find((r) => r.value === shownRange)!;
  const summary =
    health.total === 0
      ? `No deliveries in ${shown.period}.`
      : `Deliveries ${shown.per} over ${shown.period}: ` +
        `${formatCount(health.total)} in all, ${formatCount(health.succeeded)} succeeded, ${formatCount(health.failed)} failed, ` +
        `${formatCount(health.inProgress)} pending or being retried. Busiest: ${busiest(health, isClient)}.`;
  const tickEvery = shownRange === "24h" ? 6 : 7;

  return (
    <section
      aria-labelledby={headingId}
      className="relative mb-6 overflow-hidden rounded-xl bg-white ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            Delivery health
          </h3>
          <p className="text-xs text-slate-500">
            {range === "24h" ? "Last 24 hours, per hour" : "Last 30 days, per day"} · refreshed every 30 s
          </p>
        </div>
        <div role="group" aria-label="Time range" className="inline-flex rounded-lg bg-slate-100 p-0.5 text-sm">
          {RANGES.map((r) => (
            <button
              key={r.value}
              type="button"
              aria-pressed={range === r.value}
              onClick={() => setRange(r.value)}
              className={cn(
                "rounded-md px-3 py-1 font-medium transition-colors",
                range === r.value
                  ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                  : "text-slate-600 hover:text-slate-900",
              )}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>

      <dl className="grid grid-cols-2 divide-slate-100 border-b border-slate-200 sm:grid-cols-3 sm:divide-x lg:grid-cols-6">
        <Stat
          label="Success rate"
          value={formatRate(health.successRate)}
          tone={rateTone(health.successRate)}
          hint="Succeeded out of the deliveries tried (pending ones are not counted)"
        />
        <Stat label="Deliveries" value={formatCount(health.total)} />
        <Stat label="Failed" value={formatCount(health.failed)} tone={health.failed ? "text-red-700" : undefined} />
        <Stat
          label="Retrying or pending"
          value={formatCount(health.inProgress)}
          tone={health.inProgress ? "text-amber-700" : undefined}
          hint="Not settled yet: retrying ones count against the success rate, pending ones do not"
        />
        <Stat
          label="Median response"
          value={formatMs(health.latency.p50)}
          hint={`Over ${formatCount(health.latency.attempts)} attempts`}
        />
        <Stat
          label="p95 response"
          value={formatMs(health.latency.p95)}
          hint={`Over ${formatCount(health.latency.attempts)} attempts`}
        />
      </dl>

      <div
        className={cn("px-3 pb-2 pt-4 transition-opacity", query.isPlaceholderData && "opacity-60")}
        aria-busy={query.isFetching && query.isPlaceholderData}
      >
        <div role="img" aria-label={summary} className="h-44">
          <div aria-hidden className="h-full">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={health.buckets}
                barCategoryGap="18%"
                margin={{ top: 4, right: 8, bottom: 0, left: -12 }}
                accessibilityLayer={false}
              >
                <Patterns id={patternId} />
                <CartesianGrid vertical={false} stroke="var(--color-slate-200)" strokeDasharray="3 3" />
                <XAxis
                  dataKey="start"
                  tickLine={false}
                  axisLine={{ stroke: "var(--color-slate-300)" }}
                  interval={0}
                  tick={{ fontSize: 11, fill: "var(--color-slate-500)" }}
                  tickFormatter={(start: string, index: number) =>
                    (health.buckets.length - 1 - index) % tickEvery === 0
                      ? bucketLabel(start, shownRange, isClient)
                      : ""
                  }
                />
                <YAxis
                  allowDecimals={false}
                  tickLine={false}
                  axisLine={false}
                  width={44}
                  tick={{ fontSize: 11, fill: "var(--color-slate-500)" }}
                />
                <Tooltip
                  cursor={{ fill: "var(--color-slate-100)" }}
                  isAnimationActive={false}
                  content={(props) => (
                    <ChartTooltip
                      {...(props as TooltipContentProps<number, string>)}
                      range={shownRange}
                      isClient={isClient}
                    />
                  )}
                />
                {SERIES.map((s, i) => (
                  <Bar
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stackId="deliveries"
                    fill={s.pattern ? `url(#${patternId}-${s.key})` : s.color}
                    radius={i === SERIES.length - 1 ? [2, 2, 0, 0] : undefined}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
        <svg aria-hidden width="0" height="0" className="absolute">
          <Patterns id={`${patternId}-legend`} />
        </svg>
        <ul className="flex flex-wrap items-center gap-x-5 gap-y-1 px-3 pb-1 pt-2 text-xs text-slate-600">
          {SERIES.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <Swatch series={s} id={`${patternId}-legend`} />
              {s.label}
              <span className="font-medium tabular-nums text-slate-900">{formatCount(health[s.key])}</span>
            </li>
          ))}
          {query.isError && <li className="ml-auto text-amber-800">Could not refresh: {query.error.message}</li>}
        </ul>
      </div>

      <table className="sr-only">
        <caption>
          Deliveries {shown.per}, {shown.period}
        </caption>
        <thead>
          <tr>
            <th scope="col">{shownRange === "24h" ? "Hour" : "Day"}</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {health.buckets
            .filter((b) => b.succeeded + b.failed + b.inProgress > 0)
            .map((b) => (
              <tr key={b.start}>
                <th scope="row">{bucketLabel(b.start, shownRange, isClient, true)}</th>
                <td>{b.succeeded}</td>
                <td>{b.failed}</td>
                <td>{b.inProgress}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

function busiest(health: EndpointHealth, isClient: boolean): string {
  const total = (b: HealthBucket) => b.succeeded + b.failed + b.inProgress;
  const top = health.buckets.reduce((best, b) => (total(b) > total(best) ? b : best), health.buckets[0]);
  return `${bucketLabel(top.start, health.range, isClient, true)} with ${formatCount(total(top))}`;
}
