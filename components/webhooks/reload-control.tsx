"use client";

import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { ReloadIcon } from "@/components/ui/icons";

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
