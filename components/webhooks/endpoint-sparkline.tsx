"use client";

import { Bar, BarChart, ReferenceLine, YAxis } from "recharts";
import type { HealthSummary } from "@/lib/webhooks/health";
import { formatCount, formatRate } from "./health-api";

/** Green at 99% and above, amber from 90%, red below: the number says it too, so colour only repeats it. */
export function rateTone(rate: number | null): string {
  if (rate === null) return "text-slate-500";
  if (rate >= 0.99) return "text-emerald-700";
  if (rate >= 0.9) return "text-amber-700";
  return "text-red-700";
}

export function healthSentence(health: HealthSummary, period: string): string {
  if (!health.total) return `No deliveries in ${period}.`;
  const parts = [`${formatCount(health.total)} ${health.total === 1 ? "delivery" : "deliveries"} in ${period}`];
  if (health.successRate !== null) parts.push(`${formatRate(health.successRate)} succeeded`);
  parts.push(`${formatCount(health.failed)} failed`);
  if (health.inProgress) parts.push(`${formatCount(health.inProgress)} pending or being retried`);
  return `${parts.join(", ")}.`;
}

/**
 * The endpoint list's "Last 24 h" cell: a bar per hour, successes above the line and failures below it (readable
 * without colour), then "98.5% · 1,234 in 24 h".
 */
export function EndpointSparkline({ health }: { health: HealthSummary }) {
  const data = health.buckets.map((b) => ({ up: b.succeeded, pending: b.inProgress, down: -b.failed }));
  // The line sits at the bottom while nothing failed; a lone failure among thousands still shows (minPointSize).
  const top = Math.max(1, ...data.map((d) => d.up + d.pending));
  const bottom = Math.max(0, ...data.map((d) => -d.down));
  const visible = (value: number | null | undefined) => (value ? 2 : 0);
  return (
    <div
      role="img"
      aria-label={`Last 24 hours: ${healthSentence(health, "24 hours")}`}
      className="flex items-center gap-3"
      data-testid="endpoint-sparkline"
    >
      <div aria-hidden className="shrink-0">
        <BarChart
          width={100}
          height={30}
          data={data}
          stackOffset="sign"
          barCategoryGap={1}
          margin={{ top: 1, right: 0, bottom: 1, left: 0 }}
          accessibilityLayer={false}
        >
          <YAxis hide domain={[-bottom, top]} />
          <ReferenceLine y={0} stroke="var(--color-slate-300)" strokeWidth={1} />
          <Bar dataKey="up" stackId="s" fill="#10b981" minPointSize={visible} isAnimationActive={false} />
          <Bar dataKey="pending" stackId="s" fill="#94a3b8" minPointSize={visible} isAnimationActive={false} />
          <Bar dataKey="down" stackId="s" fill="#ef4444" minPointSize={visible} isAnimationActive={false} />
        </BarChart>
      </div>
      <span className="whitespace-nowrap text-xs tabular-nums text-slate-600">
        {health.total ? (
          <>
            <span className={`font-semibold ${rateTone(health.successRate)}`}>{formatRate(health.successRate)}</span>
            <span className="text-slate-400"> · </span>
            {formatCount(health.total)} in 24 h
          </>
        ) : (
          <span className="text-slate-400">No deliveries</span>
        )}
      </span>
    </div>
  );
}
