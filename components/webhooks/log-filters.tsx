"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { ReloadIcon, SearchIcon, XIcon } from "@/components/ui/icons";
import { hasActiveFilters, LOG_STATUSES, logFiltersToSearchParams, type LogFilters, type LogStatus } from "@/lib/webhooks/log-filters";

const TAB_LABELS: Record<LogStatus, string> = {
  all: "All",
  succeeded: "Succeeded",
  failed: "Failed",
  retrying: "Retrying",
  pending: "Pending",
};

/** "2026-03-10" in the reader's zone for an instant, and back: the date inputs speak local days. */
function toLocalDay(iso: string | undefined, shiftDays = 0): string {
  if (!iso) return "";
  const date = new Date(iso);
  date.setDate(date.getDate() + shiftDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function fromLocalDay(day: string, shiftDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + shiftDays).toISOString();
}

const plainClick = (event: React.MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/** The status tabs: links (each filter has its URL), switched in place without a page load. */
export function StatusTabs({ filters, onChange, children }: { filters: LogFilters; onChange: (filters: LogFilters) => void; children?: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4">
      <nav aria-label="Filter by status">
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
                    active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
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

/** The reload icon (refetches now, spinning meanwhile) and the live indicator beside it. */
export function ReloadControl({ onReload, reloading, updatedAt }: { onReload: () => void; reloading: boolean; updatedAt: number }) {
  return (
    <>
      <LiveStatus updatedAt={updatedAt} />
      <button
        type="button"
        aria-label="Reload"
        title="Reload"
        onClick={onReload}
        aria-busy={reloading || undefined}
        className="inline-flex size-8 items-center justify-center rounded-lg bg-white text-slate-600 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 hover:text-slate-900"
      >
        <ReloadIcon className={cn("size-4", reloading && "animate-spin")} />
      </button>
    </>
  );
}

const controlClass = cn(inputClass, "h-9 py-1.5");

/**
 * Search, webhook type and date range, with the reload button. Typing searches after a pause (replacing the URL
 * entry, so Back is not flooded); the selects and dates add a history entry each.
 */
export function LogToolbar({
  filters,
  types,
  onChange,
}: {
  filters: LogFilters;
  types: string[];
  onChange: (filters: LogFilters, mode?: "push" | "replace") => void;
}) {
  const ids = { search: useId(), type: useId(), from: useId(), to: useId() };
  const [text, setText] = useState(filters.q ?? "");
  const typed = useRef(false);

  // Back/forward and "Clear filters" change the URL under the box: follow it.
  useEffect(() => {
    if (!typed.current) setText(filters.q ?? "");
  }, [filters.q]);

  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      const q = text.trim() || undefined;
      if (q !== filters.q) onChange({ ...filters, q }, "replace");
    }, 350);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const typeOptions = filters.type && !types.includes(filters.type) ? [...types, filters.type].sort() : types;
  const active = hasActiveFilters({ ...filters, status: "all" });

  return (
    <div className="flex flex-wrap items-end gap-3 px-4 py-3">
      <form
        role="search"
        className="min-w-64 flex-1"
        onSubmit={(event) => {
          event.preventDefault();
          typed.current = false;
          onChange({ ...filters, q: text.trim() || undefined }, "push");
        }}
      >
        <label htmlFor={ids.search} className="mb-1 block text-xs font-medium text-slate-600">
          Search
        </label>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
          <input
            id={ids.search}
            type="search"
            value={text}
            onChange={(event) => {
              typed.current = true;
              setText(event.target.value);
            }}
            placeholder="Unique key, webhook type or object id"
            autoComplete="off"
            spellCheck={false}
            className={cn(controlClass, "pl-8")}
          />
        </div>
      </form>
      <div className="w-56">
        <label htmlFor={ids.type} className="mb-1 block text-xs font-medium text-slate-600">
          Webhook type
        </label>
        <select
          id={ids.type}
          value={filters.type ?? ""}
          onChange={(event) => onChange({ ...filters, type: event.target.value || undefined })}
          className={cn(controlClass, "pr-8")}
        >
          <option value="">All types</option>
          {typeOptions.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="w-38">
        <label htmlFor={ids.from} className="mb-1 block text-xs font-medium text-slate-600">
          From<span className="sr-only"> date</span>
        </label>
        <input
          id={ids.from}
          type="date"
          value={toLocalDay(filters.from)}
          max={toLocalDay(filters.to, -1) || undefined}
          onChange={(event) => onChange({ ...filters, from: fromLocalDay(event.target.value) })}
          className={cn(controlClass, "tabular-nums")}
        />
      </div>
      <div className="w-38">
        <label htmlFor={ids.to} className="mb-1 block text-xs font-medium text-slate-600">
          To<span className="sr-only"> date</span>
        </label>
        <input
          id={ids.to}
          type="date"
          value={toLocalDay(filters.to, -1)}
          min={toLocalDay(filters.from) || undefined}
          // The URL holds the exclusive end: the start of the day after the chosen one.
          onChange={(event) => onChange({ ...filters, to: fromLocalDay(event.target.value, 1) })}
          className={cn(controlClass, "tabular-nums")}
        />
      </div>
      {active && (
        <button
          type="button"
          onClick={() => onChange({ status: filters.status })}
          className="inline-flex h-9 items-center gap-1 rounded-lg px-2.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        >
          <XIcon className="size-3.5" />
          Clear
        </button>
      )}
    </div>
  );
}

/** "Live" with the time of the last successful fetch; the list refreshes itself every few seconds while visible. */
function LiveStatus({ updatedAt }: { updatedAt: number }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = now === null ? 0 : Math.max(0, Math.round((now - updatedAt) / 1000));
  return (
    <span className="hidden items-center gap-1.5 text-xs text-slate-500 tabular-nums sm:inline-flex" title="New events appear every few seconds while this page is open">
      <span className="relative flex size-2" aria-hidden>
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 [animation-duration:2s]" />
        <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
      </span>
      Live{updatedAt > 0 && ` · ${seconds < 5 ? "updated just now" : `updated ${seconds} s ago`}`}
    </span>
  );
}
