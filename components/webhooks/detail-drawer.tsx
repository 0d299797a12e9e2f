"use client";

import { useEffect, useEffectEvent, useRef } from "react";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A panel sliding in from the right over the log, modal: focus moves in and stays in, Escape or a click outside
 * closes it. Toasts stay above it (it is not in the top layer), so a retry's outcome is seen and announced.
 */
export function DetailDrawer({
  labelledBy,
  onClose,
  children,
}: {
  labelledBy: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const closeOnEscape = useEffectEvent(onClose);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    const onKeyDown = (event: KeyboardEvent) => {
      // A confirmation dialog opened from the panel closes itself on Escape; the panel stays.
      const inDialog = event.target instanceof Element && event.target.closest("dialog") !== null;
      if (event.key === "Escape" && !event.defaultPrevented && !inDialog) {
        event.preventDefault();
        closeOnEscape();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.body.style.overflow = overflow;
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  function trapTab(event: React.KeyboardEvent) {
    if (event.key !== "Tab" || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="fixed inset-0 z-40">
      <div
        aria-hidden
        className="absolute inset-0 bg-slate-900/25 transition-opacity dark:bg-black/50 duration-200 starting:opacity-0"
        onClick={onClose}
      />
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- the modal keeps Tab inside itself */}
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        onKeyDown={trapTab}
        className="absolute inset-y-0 right-0 flex w-full max-w-3xl flex-col bg-white shadow-2xl ring-1 ring-slate-900/10 transition-transform duration-200 ease-out focus:outline-none starting:translate-x-8 starting:opacity-0"
      >
        {children}
      </div>
    </div>
  );
}
