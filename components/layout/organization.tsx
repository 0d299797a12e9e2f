"use client";

import { createContext, useContext } from "react";
import type { Role } from "@/lib/tenancy/context";
import { dashboardApiHref, dashboardHref } from "@/lib/tenancy/hrefs";

/** The organization the dashboard shows, as its pages' components need it: for links, JSON routes and actions. */
export type OrganizationView = { id: string; role: Role; isOwner: boolean };

const OrganizationContext = createContext<OrganizationView | null>(null);

/** Set once by the /o/<organizationId> layout; every dashboard component below reads it. */
export function OrganizationProvider({
  organization,
  children,
}: {
  organization: OrganizationView;
  children: React.ReactNode;
}) {
  return <OrganizationContext.Provider value={organization}>{children}</OrganizationContext.Provider>;
}

/** The current organization, or null outside an organization's pages (Account, setup, sign-in). */
export function useOptionalOrganizationId(): string | null {
  return useContext(OrganizationContext)?.id ?? null;
}

/**
 * The current organization: `id` for actions' input, `href(path)` for a dashboard link ("/developers/webhooks/…"),
 * `api(path)` for its JSON routes, and whether the operator may change things (`canEdit`: an admin).
 */
export function useOrganization() {
  const organization = useContext(OrganizationContext);
  if (!organization) throw new Error("useOrganization() outside an organization's pages");
  const { id } = organization;
  return {
    ...organization,
    canEdit: organization.role === "admin",
    href: (path: string) => dashboardHref(id, path),
    api: (path: string) => dashboardApiHref(id, path),
  };
}

/** Renders its children for the organization's admins only: a viewer reads, and the server refuses them anyway. */
export function AdminOnly({ children }: { children: React.ReactNode }) {
  return useContext(OrganizationContext)?.role === "admin" ? children : null;
}
