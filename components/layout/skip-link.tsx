"use client";

import { usePathname } from "next/navigation";

const ENDPOINT_LOG = /^\/developers\/webhooks\/[^/]+$/;

/** The first stop of the keyboard: past the navigation, straight to the log on an endpoint's page. */
export function SkipLink() {
  const toLog = ENDPOINT_LOG.test(usePathname());
  return (
    <a
      href={toLog ? "#log" : "#content"}
      onClick={(event) => {
        const target = document.getElementById(toLog ? "log" : "content") ?? document.getElementById("content");
        if (!target) return;
        event.preventDefault();
        target.setAttribute("tabindex", "-1");
        target.focus();
        target.scrollIntoView({ block: "start" });
      }}
      className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg ring-1 ring-slate-200 focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
    >
      {toLog ? "Skip to log" : "Skip to content"}
    </a>
  );
}
