"use client";

import { cn } from "@/components/ui/cn";
import { plainClick } from "@/components/ui/plain-click";
import { LOG_STATUSES, logFiltersToSearchParams, type LogFilters, type LogStatus } from "@/lib/webhooks/log-filters";

const TAB_LABELS: Record<LogStatus, string> = {
  all: "All",
  succeeded: "Succeeded",
  failed: "Failed",
  retrying: "Retrying",
  pending: "Pending",
};

/** The status tabs: links (each filter has its URL), switched in place without a page load. */
export function StatusTabs({
  filters,
  onChange,
  children,
}: {
  filters: LogFilters;
  onChange: (filters: LogFilters) => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4">
      <nav aria-label="Filter by status" className="min-w-0">
        <ul className="-mb-px flex gap-5 overflow-x-auto">
          {LOG_STATUSES.map((status) => {
            const active = filters.status === status;
            const query = logFiltersToSearchParams({ ...filters, status }).toString();
            return (
              <li key={status}>
                <a
                  href={query ? `?${query}` : "?"}
                  aria-current={active ? "page" : undefined}
                  onClick={(event) => {
                    if (!plainClick(event)) return;
                    event.preventDefault();
                    if (!active) onChange({ ...filters, status });
                  }}
                  className={cn(
                    "inline-flex items-center border-b-2 px-0.5 py-3 text-sm font-medium whitespace-nowrap transition-colors",
                    active
                      ? "border-brand-600 text-brand-700"
                      : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                  )}
                >
                  {TAB_LABELS[status]}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {children && <div className="flex shrink-0 items-center gap-2">{children}</div>}
    </div>
  );
}
