"use client";

import { useEffect, useState } from "react";
import { PortalRefused } from "./portal-refused";

/**
 * Ends the portal on screen at `expiresAt` even if nothing is clicked: the content is replaced by the expired page
 * (every request after that is refused by the server anyway). Timers are clamped, so long sessions re-arm.
 */
export function PortalExpiry({ expiresAt, children }: { expiresAt: string; children: React.ReactNode }) {
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    const end = new Date(expiresAt).getTime();
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const left = end - Date.now();
      if (left <= 0) setExpired(true);
      else timer = setTimeout(check, Math.min(left, 60_000));
    };
    check();
    // A laptop waking up, a tab coming back: check at once rather than when a stale timer fires.
    const onVisible = () => document.visibilityState === "visible" && check();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [expiresAt]);
  if (expired) {
    return (
      <PortalRefused
        title="This session has ended"
        message="The portal link has expired. Open the portal again from the application that gave you the link."
      />
    );
  }
  return <>{children}</>;
}
