"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { ChevronRightIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { WebhookDetail as Detail } from "@/lib/webhooks/detail";
import { AttemptExchange } from "./attempt-exchange";
import { responseLabel } from "./response-label";

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toLocaleString("en-US")} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The attempts, newest first; each opens to its request and answer (the newest is open to begin with). */
export function AttemptList({ detail, endpointId, titleId }: { detail: Detail; endpointId: string; titleId: string }) {
  const { attempts } = detail;
  // The ones the operator flipped: the newest starts open (a retry's new attempt opens in its turn), the rest closed.
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setFlipped((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section aria-labelledby={`${titleId}-attempts`}>
      <h3 id={`${titleId}-attempts`} className="mb-2 text-sm font-semibold text-slate-900">
        Attempts <span className="font-normal text-slate-500 tabular-nums">({attempts.length})</span>
      </h3>
      {attempts.length === 0 ? (
        <p className="rounded-xl px-4 py-6 text-center text-sm text-slate-500 ring-1 ring-slate-200">
          No attempt yet: the first one is on its way.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 overflow-hidden rounded-xl ring-1 ring-slate-200">
          {attempts.map((attempt, index) => {
            const expanded = (index === 0) !== flipped.has(attempt.id);
            const number = attempts.length - index;
            const status =
              attempt.statusCode !== null
                ? responseLabel(attempt.statusCode, attempt.reasonPhrase)
                : (attempt.error ?? "No response");
            return (
              <li key={attempt.id} aria-label={`Attempt ${number}`}>
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={`${titleId}-attempt-${attempt.id}`}
                  onClick={() => toggle(attempt.id)}
                  className="flex w-full items-start gap-3 px-4 py-2.5 text-left text-sm hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none focus-visible:ring-inset"
                >
                  <ChevronRightIcon
                    aria-hidden
                    className={cn(
                      "mt-0.5 size-4 shrink-0 text-slate-400 transition-transform",
                      expanded && "rotate-90",
                    )}
                  />
                  <span className="w-5 shrink-0 text-slate-500 tabular-nums">{number}</span>
                  <span className="min-w-0 flex-1">
                    <span
                      className={cn(
                        "flex max-w-full items-center gap-1.5 font-medium",
                        attempt.succeeded ? "text-emerald-700" : "text-red-700",
                      )}
                    >
                      <span
                        aria-hidden
                        className={cn(
                          "size-1.5 shrink-0 rounded-full",
                          attempt.succeeded ? "bg-emerald-500" : "bg-red-500",
                        )}
                      />
                      <span className="sr-only">{attempt.succeeded ? "Succeeded:" : "Failed:"}</span>
                      <span
                        className={cn("truncate", attempt.statusCode !== null && "font-mono text-[13px] tabular-nums")}
                      >
                        {status}
                      </span>
                      {attempt.manual && (
                        <span
                          title="Sent because an operator asked (Retry now, Resend or Retry all failed)"
                          className="shrink-0 rounded bg-slate-100 px-1.5 py-px text-[11px] font-medium text-slate-600"
                        >
                          Manual
                        </span>
                      )}
                    </span>
                    {attempt.statusCode !== null && attempt.error && (
                      <span className="mt-0.5 block truncate text-xs text-red-700">{attempt.error}</span>
                    )}
                    {!expanded && attempt.responseExcerpt && (
                      <span className="mt-0.5 block truncate font-mono text-xs text-slate-500">
                        {attempt.responseExcerpt}
                      </span>
                    )}
                  </span>
                  <span className="shrink-0 text-right text-xs whitespace-nowrap text-slate-600 tabular-nums">
                    <LocalTime value={attempt.startedAt} />
                    <span className="block text-slate-500">{formatDuration(attempt.durationMs)}</span>
                  </span>
                </button>
                {expanded && (
                  <div id={`${titleId}-attempt-${attempt.id}`} className="border-t border-slate-100 bg-slate-50/60">
                    <AttemptExchange
                      endpointId={endpointId}
                      webhookId={detail.id}
                      attemptId={attempt.id}
                      payload={detail.payload}
                      statusLabel={status}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
