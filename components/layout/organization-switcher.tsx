"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { BuildingIcon, CheckIcon, ChevronsUpDownIcon } from "@/components/ui/icons";
import { switchOrganizationHref } from "./switch-href";

export type SwitcherOrganization = { id: string; name: string };

/**
 * The current organization's name, and (for someone who can enter several) a disclosure listing the others as
 * links to the same page there. Plain links in a list: Tab and Enter work, Escape or a click elsewhere closes.
 */
export function OrganizationSwitcher({
  current,
  organizations,
}: {
  current: SwitcherOrganization;
  organizations: SwitcherOrganization[];
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  return (
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- Escape closes the list from anywhere inside it
    <div
      ref={root}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2.5 rounded-lg bg-white px-3 py-2 text-left text-sm shadow-sm ring-1 ring-slate-200 hover:bg-slate-50"
      >
        <BuildingIcon className="size-4 shrink-0 text-slate-500" />
        <span className="min-w-0 flex-1">
          <span className="block text-[11px] leading-4 text-slate-500">Organization</span>
          <span className="block truncate font-medium text-slate-900">{current.name}</span>
        </span>
        <ChevronsUpDownIcon className="size-4 shrink-0 text-slate-400" />
        <span className="sr-only">: switch organization</span>
      </button>
      <ul
        id={listId}
        hidden={!open}
        aria-label="Organizations"
        className="absolute inset-x-0 top-full z-30 mt-1 max-h-72 overflow-y-auto rounded-xl bg-white p-1 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-50"
      >
        {organizations.map((organization) => {
          const active = organization.id === current.id;
          return (
            <li key={organization.id}>
              <Link
                href={switchOrganizationHref(pathname, organization.id)}
                aria-current={active ? "true" : undefined}
                onClick={() => setOpen(false)}
                className={cn(
                  "flex items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none",
                  active ? "font-medium text-slate-900" : "text-slate-700",
                )}
              >
                <span className="min-w-0 flex-1 truncate">{organization.name}</span>
                {active && <CheckIcon className="size-4 shrink-0 text-brand-600" />}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
