"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { PlusIcon, SearchIcon } from "@/components/ui/icons";
import { WEBHOOK_TYPE_PATTERN } from "@/lib/webhooks/event-types";
import { groupByNoun } from "./group-by-noun";

/** A checkbox that shows "some of the group" as the browser's mixed state. */
function GroupCheckbox({ checked, mixed, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { mixed: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return <input ref={ref} type="checkbox" checked={checked} className="size-4 rounded accent-brand-600" {...props} />;
}

/**
 * Which events an endpoint receives: all types (also those added later), or the chosen ones, picked from the
 * catalogue grouped by noun, with a search and select all / none per group. A `noun.verb` typed in the search that
 * the catalogue lacks can be added too.
 */
export function EventTypePicker({
  catalogue,
  value,
  onChange,
  error,
}: {
  catalogue: string[];
  /** null: every type. */
  value: string[] | null;
  onChange: (value: string[] | null) => void;
  error?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  // The chosen list survives a switch to "All event types" and back.
  const [chosen, setChosen] = useState<string[]>(value ?? []);
  const all = value === null;
  const selected = useMemo(() => new Set(chosen), [chosen]);
  const known = useMemo(() => [...new Set([...catalogue, ...chosen])].sort(), [catalogue, chosen]);
  const needle = query.trim().toLowerCase();
  const visible = useMemo(() => (needle ? known.filter((type) => type.includes(needle)) : known), [known, needle]);
  const groups = useMemo(() => groupByNoun(visible), [visible]);
  const canAdd = WEBHOOK_TYPE_PATTERN.test(needle) && !known.includes(needle);

  function choose(next: string[]) {
    setChosen(next);
    onChange(next);
  }
  const toggle = (types: string[], on: boolean) =>
    choose(on ? [...new Set([...chosen, ...types])] : chosen.filter((t) => !types.includes(t)));

  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">Event types</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {[
          { on: true, title: "All event types", hint: "Every type, including types added later." },
          { on: false, title: "Selected event types", hint: "Only the types you choose below." },
        ].map(({ on, title, hint }) => (
          <label
            key={title}
            className={cn(
              "flex cursor-pointer gap-3 rounded-xl p-3 ring-1 ring-inset transition",
              all === on ? "bg-brand-50/60 ring-2 ring-brand-500" : "ring-slate-200 hover:ring-slate-300",
            )}
          >
            <input
              type="radio"
              name={`${id}-mode`}
              checked={all === on}
              onChange={() => onChange(on ? null : chosen)}
              className="mt-0.5 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">{title}</span>
              <span className="mt-0.5 block text-xs text-slate-600">{hint}</span>
            </span>
          </label>
        ))}
      </div>

      {!all && (
        <div className={cn("mt-3 overflow-hidden rounded-xl ring-1", error ? "ring-red-300" : "ring-slate-200")}>
          <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50/80 px-3 py-2">
            <div className="relative flex-1">
              <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
              <input
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  // Enter must not submit the dialog's form from the search box; it adds a custom type when one is offered.
                  if (event.key !== "Enter") return;
                  event.preventDefault();
                  if (canAdd) {
                    toggle([needle], true);
                    setQuery("");
                  }
                }}
                placeholder="Search event types"
                aria-label="Search event types"
                className={cn(inputClass, "h-8 py-1 pl-8")}
              />
            </div>
            <span className="shrink-0 text-xs text-slate-600 tabular-nums" aria-live="polite">
              {chosen.length} selected
            </span>
            {chosen.length > 0 && (
              <button
                type="button"
                onClick={() => choose([])}
                className="shrink-0 text-xs font-medium text-brand-700 hover:underline"
              >
                Clear
              </button>
            )}
          </div>

          <div className="max-h-72 overflow-y-auto overscroll-contain px-3 py-2">
            {canAdd && (
              <button
                type="button"
                onClick={() => {
                  toggle([needle], true);
                  setQuery("");
                }}
                className="mb-2 flex w-full items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm text-brand-700 ring-1 ring-brand-200 ring-inset hover:bg-brand-50"
              >
                <PlusIcon className="size-3.5" />
                Add <span className="font-mono text-[13px]">{needle}</span>
                <span className="text-xs text-slate-500">(a type of your own)</span>
              </button>
            )}
            {groups.length === 0 && !canAdd && (
              <p className="px-2 py-6 text-center text-sm text-slate-500">
                No event type matches “{query.trim()}”. Custom types look like{" "}
                <span className="font-mono">noun.verb</span>.
              </p>
            )}
            {groups.map(([noun, types]) => {
              const count = types.filter((t) => selected.has(t)).length;
              return (
                <div key={noun} role="group" aria-labelledby={`${id}-${noun}`} className="py-1.5">
                  <label className="flex items-center gap-2.5 rounded-md px-2 py-1 hover:bg-slate-50">
                    <GroupCheckbox
                      checked={count === types.length}
                      mixed={count > 0 && count < types.length}
                      onChange={(event) => toggle(types, event.target.checked)}
                      aria-label={`All ${noun} events`}
                    />
                    <span id={`${id}-${noun}`} className="text-xs font-semibold tracking-wide text-slate-700 uppercase">
                      {noun.replaceAll("_", " ")}
                    </span>
                    <span className="text-xs text-slate-500 tabular-nums">
                      {count} of {types.length}
                    </span>
                  </label>
                  <div className="mt-0.5 grid gap-x-3 pl-6 sm:grid-cols-2">
                    {types.map((type) => (
                      <label
                        key={type}
                        className="flex min-w-0 items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-50"
                      >
                        <input
                          type="checkbox"
                          checked={selected.has(type)}
                          onChange={(event) => toggle([type], event.target.checked)}
                          className="size-4 shrink-0 rounded accent-brand-600"
                        />
                        <span className="truncate font-mono text-[12.5px] text-slate-800" title={type}>
                          {type}
                        </span>
                      </label>
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "All event types", or the chosen ones in a line, for the endpoint page and the list. */
export function eventTypesSummary(eventTypes: string[] | null): string {
  if (eventTypes === null) return "All event types";
  return `${eventTypes.length} event ${eventTypes.length === 1 ? "type" : "types"}`;
}
