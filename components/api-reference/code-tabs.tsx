"use client";

import { useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { CodeBlock } from "./code-block";

export type CodeTab = { id: string; label: string; install?: string; code: string };

/**
 * One snippet per language behind tabs (WAI-ARIA tabs: arrow keys move between them). Rendered on the server with
 * the first tab open, so the page reads without JavaScript.
 */
export function CodeTabs({ tabs, label }: { tabs: CodeTab[]; label: string }) {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const base = useId();

  function move(to: number) {
    const next = (to + tabs.length) % tabs.length;
    setActive(next);
    buttons.current[next]?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={index === active}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={index === active ? 0 : -1}
            onClick={() => setActive(index)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight") move(index + 1);
              else if (event.key === "ArrowLeft") move(index - 1);
              else if (event.key === "Home") move(0);
              else if (event.key === "End") move(tabs.length - 1);
              else return;
              event.preventDefault();
            }}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              index === active
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:text-slate-800",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab, index) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={index !== active}
          className="space-y-2 pt-3"
        >
          {tab.install && (
            <p className="text-xs text-slate-600">
              Install: <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-800">{tab.install}</code>
            </p>
          )}
          <CodeBlock code={tab.code} label={`${tab.label} snippet`} />
        </div>
      ))}
    </div>
  );
}
