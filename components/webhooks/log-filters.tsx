"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { AlertIcon, ReloadIcon, SearchIcon, XIcon } from "@/components/ui/icons";
import {
  hasActiveFilters,
  LOG_STATUSES,
  logFiltersToSearchParams,
  RESPONSE_CLASSES,
  RESPONSE_LABELS,
  type LogFilters,
  type LogStatus,
} from "@/lib/webhooks/log-filters";
import { fetchWebhookTypes, logKeys } from "./log-api";
import { useOrganization } from "@/components/layout/organization";

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

const plainClick = (event: React.MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

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

/** The reload icon (refetches now, spinning meanwhile) and the live indicator beside it. */
export function ReloadControl({
  onReload,
  reloading,
  updatedAt,
}: {
  onReload: () => void;
  reloading: boolean;
  updatedAt: number;
}) {
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
  endpointId,
  filters,
  onChange,
}: {
  endpointId: string;
  filters: LogFilters;
  onChange: (filters: LogFilters, mode?: "push" | "replace") => void;
}) {
  const ids = { search: useId(), response: useId(), from: useId(), to: useId() };
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
            placeholder="Key, type, object or event id"
            autoComplete="off"
            spellCheck={false}
            className={cn(controlClass, "pl-8")}
          />
        </div>
      </form>
      <TypeFilter endpointId={endpointId} value={filters.type} onChange={(type) => onChange({ ...filters, type })} />
      <div className="w-40">
        <label htmlFor={ids.response} className="mb-1 block text-xs font-medium text-slate-600">
          Response
        </label>
        <select
          id={ids.response}
          value={filters.response ?? ""}
          onChange={(event) =>
            onChange({ ...filters, response: (event.target.value || undefined) as LogFilters["response"] })
          }
          className={controlClass}
        >
          <option value="">Any response</option>
          {RESPONSE_CLASSES.map((response) => (
            <option key={response} value={response}>
              {RESPONSE_LABELS[response]}
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

/** The value after it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The webhook type filter: a combobox that searches the log's types on the server (at most 20 shown), since a
 * log can hold thousands of types and the page must not carry them all.
 */
function TypeFilter({
  endpointId,
  value,
  onChange,
}: {
  endpointId: string;
  value: string | undefined;
  onChange: (type: string | undefined) => void;
}) {
  const inputId = useId();
  const listId = useId();
  const [text, setText] = useState(value ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useSettled(text.trim().toLowerCase(), 200);
  const organization = useOrganization();
  const types = useQuery({
    queryKey: logKeys.types(endpointId, search),
    queryFn: ({ signal }) => fetchWebhookTypes(organization.id, endpointId, search, signal),
    enabled: open,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  // "All types" first, then the matches.
  const options: (string | undefined)[] = [undefined, ...(types.data?.types ?? [])];

  useEffect(() => {
    // Once the list closes, the box shows the filter in force again (a link or Back may have changed it).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!open) setText(value ?? "");
  }, [value, open]);

  function choose(type: string | undefined) {
    setOpen(false);
    setActive(-1);
    setText(type ?? "");
    if (type !== value) onChange(type);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const typed = text.trim().toLowerCase();
      if (open && active >= 0) choose(options[active]);
      else if (!typed) choose(undefined);
      else if (types.data?.types.includes(typed)) choose(typed);
      else if (types.data?.types.length === 1 && search === typed) choose(types.data.types[0]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setText(value ?? "");
    }
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="relative w-56">
      <label htmlFor={inputId} className="mb-1 block text-xs font-medium text-slate-600">
        Webhook type
      </label>
      <input
        id={inputId}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        value={text}
        placeholder="All types"
        autoComplete="off"
        spellCheck={false}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setText(value ?? "");
        }}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        className={controlClass}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Webhook types"
          className="absolute z-20 mt-1 max-h-72 w-72 overflow-auto rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {options.map((type, index) => (
            // The keyboard chooses through the box (arrows and Enter, aria-activedescendant), not the option.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={type ?? ""}
              id={optionId(index)}
              role="option"
              aria-selected={type === value}
              // Keeps the focus in the box, so its blur does not close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(type)}
              className={cn(
                "cursor-pointer truncate px-3 py-1.5",
                type === undefined ? "text-slate-500" : "font-mono text-xs",
                index === active ? "bg-brand-50 text-brand-700" : "hover:bg-slate-50",
              )}
            >
              {type ?? "All types"}
            </li>
          ))}
          {types.isError && <li className="px-3 py-1.5 text-xs text-red-700">{types.error.message}</li>}
          {types.data && types.data.types.length === 0 && (
            <li className="px-3 py-1.5 text-xs text-slate-500">No type in this log contains “{search}”.</li>
          )}
          {types.data?.more && (
            <li className="px-3 py-1.5 text-xs text-slate-500">More types: keep typing to narrow the list.</li>
          )}
        </ul>
      )}
    </div>
  );
}

/** The URL holds a filter that cannot be right (a hand-edited link): say which, and offer a clean log. */
export function InvalidFilters({ message, onClear }: { message: string; onClear: () => void }) {
  return (
    <div role="alert" className="px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-600">
        <AlertIcon className="size-5" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">These filters are not valid</h3>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">{message}</p>
      <Button variant="secondary" className="mt-5" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}

/** "Live" with the time of the last successful fetch; the list refreshes itself every few seconds while visible. */
function LiveStatus({ updatedAt }: { updatedAt: number }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // The clock starts after hydration: the server's time would not match the browser's.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = now === null ? 0 : Math.max(0, Math.round((now - updatedAt) / 1000));
  return (
    <span
      className="hidden items-center gap-1.5 text-xs text-slate-500 tabular-nums sm:inline-flex"
      title="New events appear every few seconds while this page is open"
    >
      <span className="relative flex size-2" aria-hidden>
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 [animation-duration:2s]" />
        <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
      </span>
      Live{updatedAt > 0 && ` · ${seconds < 5 ? "updated just now" : `updated ${seconds} s ago`}`}
    </span>
  );
}
