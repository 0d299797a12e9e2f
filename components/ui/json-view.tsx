"use client";

import { useId, useMemo, useState } from "react";
import { cn } from "./cn";
import { CopyButton } from "./copy-button";
import { ChevronDownIcon } from "./icons";

const COLLAPSED_LINES = 18;

/** Pretty JSON when the text parses as JSON, null otherwise. */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

// Keys, strings, literals and numbers of pretty-printed JSON, in one pass.
const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

function highlight(json: string): React.ReactNode[] {
  const nodes: React.ReactNode[] = [];
  let last = 0;
  for (const match of json.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(json.slice(last, index));
    const [whole, string, colon, literal, number] = match;
    if (string && colon) {
      nodes.push(
        <span key={index} className="text-sky-800">
          {string}
        </span>,
        colon,
      );
    } else if (string) {
      nodes.push(
        <span key={index} className="text-emerald-800">
          {string}
        </span>,
      );
    } else if (literal) {
      nodes.push(
        <span key={index} className="text-violet-700">
          {literal}
        </span>,
      );
    } else if (number) {
      nodes.push(
        <span key={index} className="text-amber-800">
          {number}
        </span>,
      );
    } else {
      nodes.push(whole);
    }
    last = index + whole.length;
  }
  if (last < json.length) nodes.push(json.slice(last));
  return nodes;
}

/**
 * A code block for a payload or a response: JSON pretty-printed and coloured when it parses, the text as is
 * otherwise; a copy button; long content collapsed behind "Show all N lines".
 */
export function JsonView({
  value,
  label,
  tone = "default",
  className,
}: {
  value: string;
  label: string;
  tone?: "default" | "error";
  className?: string;
}) {
  const pretty = useMemo(() => prettyJson(value), [value]);
  const text = pretty ?? value;
  const lines = useMemo(() => text.split("\n").length, [text]);
  const long = lines > COLLAPSED_LINES + 4;
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const collapsed = long && !expanded;

  return (
    <div
      className={cn(
        "relative overflow-hidden rounded-xl ring-1 ring-inset",
        tone === "error" ? "bg-red-50/50 ring-red-200" : "bg-slate-50 ring-slate-200",
        className,
      )}
    >
      <div
        className={cn(
          "flex items-center justify-between gap-2 border-b px-3 py-1.5",
          tone === "error" ? "border-red-200" : "border-slate-200",
        )}
      >
        <span className="text-xs font-medium text-slate-500">
          {pretty ? "JSON" : "Text"}
          <span className="font-normal">
            {" "}
            · {lines.toLocaleString("en-US")} {lines === 1 ? "line" : "lines"}
          </span>
        </span>
        <CopyButton value={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <pre
        id={id}
        // A scrolling region must take focus to scroll by keyboard.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        aria-label={label}
        className={cn(
          "overflow-x-auto px-4 py-3 font-mono text-[12.5px] leading-5 text-slate-800 focus-visible:outline-offset-[-2px]",
          pretty ? "whitespace-pre" : "whitespace-pre-wrap break-all",
          collapsed && "max-h-[22.5rem] overflow-y-hidden",
        )}
      >
        {pretty ? highlight(pretty) : value || <span className="text-slate-500">(empty)</span>}
      </pre>
      {long && (
        <div
          className={cn(
            "flex justify-center px-3 pb-2",
            collapsed && "absolute inset-x-0 bottom-0 bg-gradient-to-t to-transparent pt-10",
            collapsed && (tone === "error" ? "from-red-50 via-red-50/95" : "from-slate-50 via-slate-50/95"),
          )}
        >
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={id}
            onClick={() => setExpanded((open) => !open)}
            className="inline-flex items-center gap-1 rounded-md bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            <ChevronDownIcon className={cn("size-3.5 transition-transform", expanded && "rotate-180")} />
            {expanded ? "Show less" : `Show all ${lines.toLocaleString("en-US")} lines`}
          </button>
        </div>
      )}
    </div>
  );
}
