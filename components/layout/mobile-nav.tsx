"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { MenuIcon, XIcon } from "@/components/ui/icons";

/**
 * Below 1024 px: a top bar with a menu button that opens the sidebar as a drawer from the left. The drawer is a
 * modal <dialog>: focus moves in and stays in, Escape or a click outside closes it, and focus returns to the button.
 */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  // A link followed inside the drawer lands on a new page: the drawer has done its job (state adjusted while
  // rendering, as React advises for state that follows a prop, rather than in an effect).
  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  // Tab wraps round inside the drawer instead of leaving the page for the browser's own controls.
  function wrapTab(event: React.KeyboardEvent) {
    if (event.key !== "Tab" || !dialog.current) return;
    const items = [
      ...dialog.current.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input:not([disabled])"),
    ].filter((el) => el.offsetParent !== null || el.getClientRects().length > 0);
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return (
    <div className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/95 px-2 backdrop-blur lg:hidden">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        className="inline-flex h-10 items-center gap-2 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
      >
        <MenuIcon className="size-5" />
        Menu
      </button>
      <span className="flex items-center gap-2">
        <img src="/icon.svg" alt="" className="size-6" />
        <span className="text-sm font-semibold tracking-tight text-slate-900">Hookline</span>
      </span>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- a modal dialog keeps Tab inside itself and closes on a backdrop click */}
      <dialog
        ref={dialog}
        data-nav-drawer
        aria-label="Menu"
        onKeyDown={wrapTab}
        onClose={() => {
          setOpen(false);
          button.current?.focus();
        }}
        onClick={(event) => {
          if (event.target === dialog.current || (event.target as Element).closest("a[href]")) setOpen(false);
        }}
        className="fixed inset-y-0 left-0 m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40 dark:backdrop:bg-black/60"
      >
        {open && (
          <div className="relative h-full">
            <button
              type="button"
              onClick={() => setOpen(false)}
              aria-label="Close menu"
              className="absolute top-3 right-3 z-10 rounded-lg p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <XIcon className="size-5" />
            </button>
            {children}
          </div>
        )}
      </dialog>
    </div>
  );
}
