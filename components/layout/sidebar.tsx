"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import {
  BellIcon,
  BookIcon,
  BuildingIcon,
  CodeIcon,
  KeyIcon,
  LogOutIcon,
  UserIcon,
  UsersIcon,
  WebhookIcon,
} from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { MobileNav } from "./mobile-nav";
import { OrganizationSwitcher, type SwitcherOrganization } from "./organization-switcher";
import { ThemeToggle } from "./theme";

const developers = [
  { path: "/developers/webhooks", label: "Webhooks", icon: WebhookIcon },
  { path: "/developers/api-keys", label: "API keys", icon: KeyIcon },
  { path: "/developers/api-reference", label: "API reference", icon: BookIcon },
  { path: "/developers/alerts", label: "Alerts", icon: BellIcon },
];

type SidebarProps = {
  email: string;
  /** Where the links lead outside an organization's pages (Account): the operator's own organization, if any. */
  homeOrganizationId: string | null;
  /** The organizations the operator can enter, by name: the switcher shows when there is more than one. */
  organizations: SwitcherOrganization[];
  /** The installation's owner also has the Organizations page. */
  isOwner: boolean;
};

/** The 240 px sidebar from 1024 px up; below, a top bar whose menu button opens the same panel as a drawer. */
export function Sidebar(props: SidebarProps) {
  return (
    <>
      <MobileNav>
        <SidebarPanel {...props} inDrawer />
      </MobileNav>
      <SidebarPanel {...props} />
    </>
  );
}

function SidebarPanel({
  email,
  homeOrganizationId,
  organizations,
  isOwner,
  inDrawer = false,
}: SidebarProps & { inDrawer?: boolean }) {
  const pathname = usePathname();
  // The organization the page shows (its URL names it), else the operator's own.
  const { organizationId = homeOrganizationId } = useParams<{ organizationId?: string }>();
  const href = (path: string) => (organizationId ? dashboardHref(organizationId, path) : "/");
  const inDevelopers = organizationId !== null && pathname.startsWith(href("/developers"));
  const inMembers = organizationId !== null && pathname.startsWith(href("/members"));
  const current = organizations.find((organization) => organization.id === organizationId);
  return (
    <aside
      className={cn(
        "flex shrink-0 flex-col bg-slate-50/70",
        inDrawer ? "h-full w-full" : "sticky top-0 hidden h-screen w-60 border-r border-slate-200 lg:flex",
      )}
    >
      <div className={cn("flex h-16 items-center gap-2.5 px-5", inDrawer && "pr-14")}>
        <img src="/icon.svg" alt="" className="size-7" />
        <span className="text-base font-semibold tracking-tight">Hookline</span>
      </div>
      {organizations.length > 1 && current && (
        <div className="px-3 pb-2">
          <OrganizationSwitcher current={current} organizations={organizations} />
        </div>
      )}
      <nav aria-label="Main" className="flex-1 px-3 py-2">
        <Link
          href={href("/developers/webhooks")}
          aria-current={inDevelopers ? "true" : undefined}
          className={cn(
            "flex items-center gap-2.5 rounded-lg px-3 py-2 text-sm font-medium",
            inDevelopers
              ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
              : "text-slate-600 hover:bg-white hover:text-slate-900",
          )}
        >
          <CodeIcon className="size-4 text-slate-500" />
          Developers
        </Link>
        <ul className="mt-1 space-y-0.5 border-l border-slate-200 ml-5 pl-3">
          {developers.map(({ path, label, icon: Icon }) => {
            const active = pathname.startsWith(href(path));
            return (
              <li key={path}>
                <Link
                  href={href(path)}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm",
                    active ? "font-medium text-brand-700" : "text-slate-600 hover:text-slate-900",
                  )}
                >
                  <Icon className="size-3.5" />
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
        {organizationId && (
          <Link
            href={href("/members")}
            aria-current={inMembers ? "page" : undefined}
            className={cn(
              "mt-1 flex items-center gap-2.5 rounded-lg px-3 py-2 text-sm font-medium",
              inMembers
                ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:bg-white hover:text-slate-900",
            )}
          >
            <UsersIcon className="size-4 text-slate-500" />
            Members
          </Link>
        )}
        {isOwner && (
          <Link
            href="/organizations"
            aria-current={pathname.startsWith("/organizations") ? "page" : undefined}
            className={cn(
              "mt-1 flex items-center gap-2.5 rounded-lg px-3 py-2 text-sm font-medium",
              pathname.startsWith("/organizations")
                ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:bg-white hover:text-slate-900",
            )}
          >
            <BuildingIcon className="size-4 text-slate-500" />
            Organizations
          </Link>
        )}
      </nav>
      <div className="border-t border-slate-200 p-3">
        <ThemeToggle className="mb-3" />
        <p className="truncate px-2 text-xs text-slate-500" title={email}>
          Signed in as <span className="font-medium text-slate-700">{email}</span>
        </p>
        <Link
          href="/account"
          aria-current={pathname.startsWith("/account") ? "page" : undefined}
          className="mt-2 flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-white hover:text-slate-900"
        >
          <UserIcon className="size-4" />
          Account
        </Link>
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/login" })}
          className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-white hover:text-slate-900"
        >
          <LogOutIcon className="size-4" />
          Sign out
        </button>
      </div>
    </aside>
  );
}
