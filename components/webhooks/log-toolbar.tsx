"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { toolbarControlClass } from "@/components/ui/field";
import { SearchIcon, XIcon } from "@/components/ui/icons";
import { hasActiveFilters, RESPONSE_CLASSES, RESPONSE_LABELS, type LogFilters } from "@/lib/webhooks/log-filters";
import { fromLocalDay, toLocalDay } from "./local-day";
import { TypeFilter } from "./type-filter";

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
  const ids = { search: useId(), response: useId() };
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
            className={cn(toolbarControlClass, "pl-8")}
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
          className={toolbarControlClass}
        >
          <option value="">Any response</option>
          {RESPONSE_CLASSES.map((response) => (
            <option key={response} value={response}>
              {RESPONSE_LABELS[response]}
            </option>
          ))}
        </select>
      </div>
      <DayField
        label="From"
        value={toLocalDay(filters.from)}
        max={toLocalDay(filters.to, -1) || undefined}
        onChange={(day) => onChange({ ...filters, from: fromLocalDay(day) })}
      />
      <DayField
        label="To"
        value={toLocalDay(filters.to, -1)}
        min={toLocalDay(filters.from) || undefined}
        // The URL holds the exclusive end: the start of the day after the chosen one.
        onChange={(day) => onChange({ ...filters, to: fromLocalDay(day, 1) })}
      />
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

/** A day of the date range, in the reader's zone. */
function DayField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  onChange: (day: string) => void;
}) {
  const id = useId();
  return (
    <div className="w-38">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
        <span className="sr-only"> date</span>
      </label>
      <input
        id={id}
        type="date"
        value={value}
        min={min}
        max={max}
        onChange={(event) => onChange(event.target.value)}
        className={cn(toolbarControlClass, "tabular-nums")}
      />
    </div>
  );
}
