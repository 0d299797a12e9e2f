"use client";

import { usePathname } from "next/navigation";

// An endpoint's page or All events, in any organization: /o/<id>/developers/webhooks/<endpoint id | events>.
const ENDPOINT_LOG = /\/developers\/webhooks\/[^/]+$/;

/** The first stop of the keyboard: past the navigation, straight to the log on an endpoint's page. */
export function SkipLink() {
  const toLog = ENDPOINT_LOG.test(usePathname());
  return (
    <a
      href={toLog ? "#event-log" : "#content"}
      onClick={(event) => {
        const target = document.getElementById(toLog ? "event-log" : "content") ?? document.getElementById("content");
        if (!target) return;
        event.preventDefault();
        target.setAttribute("tabindex", "-1");
        target.focus();
        target.scrollIntoView({ block: "start" });
      }}
      // Above the window until focused; then it slides into the top left corner.
      className="fixed top-3 left-3 z-50 -translate-y-[200%] rounded-lg bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg ring-1 ring-slate-200 focus:translate-y-0"
    >
      {toLog ? "Skip to log" : "Skip to content"}
    </a>
  );
}
