"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useOrganization } from "./organization";

const tabs = [
  { path: "/developers/webhooks", label: "Webhooks" },
  { path: "/developers/api-keys", label: "API keys" },
  { path: "/developers/api-reference", label: "API reference" },
];

/** The Developers tabs: links (each tab has its own URL), marked up as navigation. */
export function DeveloperTabs() {
  const pathname = usePathname();
  const organization = useOrganization();
  return (
    <nav aria-label="Developers" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-6">
        {tabs.map((tab) => {
          const href = organization.href(tab.path);
          const active = pathname.startsWith(href);
          return (
            <li key={tab.path}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 pb-3 text-sm font-medium",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
