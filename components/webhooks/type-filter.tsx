"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useOrganization } from "@/components/layout/organization";
import { cn } from "@/components/ui/cn";
import { toolbarControlClass } from "@/components/ui/field";
import { fetchWebhookTypes, logKeys } from "./log-api";

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
export function TypeFilter({
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
        className={toolbarControlClass}
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
