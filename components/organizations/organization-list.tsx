"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { OrganizationSummary } from "@/lib/tenancy/organizations";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { OrganizationDialog } from "./organization-dialog";

export type OrganizationRow = OrganizationSummary & { members: number };

/** The owner's list of every organization: open one, create one, change one's name, external id and portal look. */
export function OrganizationList({ organizations }: { organizations: OrganizationRow[] }) {
  const [editing, setEditing] = useState<OrganizationRow | "new" | null>(null);
  return (
    <section aria-labelledby="organizations-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="organizations-heading" className="text-base font-semibold text-slate-900">
            Organizations
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Each has its own endpoints, events, logs, API keys and members. As the owner you can enter every one.
          </p>
        </div>
        <Button onClick={() => setEditing("new")}>
          <PlusIcon />
          Create organization
        </Button>
      </div>
      <div className="overflow-hidden rounded-xl ring-1 ring-slate-200">
        <table className="w-full text-left text-sm max-md:block">
          <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500 max-md:sr-only">
            <tr>
              <th scope="col" className="px-4 py-2.5">
                Name
              </th>
              <th scope="col" className="px-4 py-2.5">
                External id
              </th>
              <th scope="col" className="px-4 py-2.5">
                Portal
              </th>
              <th scope="col" className="px-4 py-2.5">
                Members
              </th>
              <th scope="col" className="px-4 py-2.5">
                Created
              </th>
              <th scope="col" className="px-4 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 max-md:block">
            {organizations.map((organization) => (
              <tr
                key={organization.id}
                className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-1.5 max-md:px-4 max-md:py-3"
              >
                <td className="px-4 py-3 max-md:basis-full max-md:p-0">
                  <Link
                    href={dashboardHref(organization.id)}
                    className="font-medium break-all text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {organization.name}
                  </Link>
                </td>
                <td className="px-4 py-3 max-md:p-0">
                  {organization.externalId ? (
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-700">
                      {organization.externalId}
                    </code>
                  ) : (
                    <span className="text-slate-400 max-md:hidden">—</span>
                  )}
                </td>
                <td className="px-4 py-3 text-slate-600 max-md:p-0">
                  <span className="inline-flex items-center gap-2">
                    {organization.portalAccentColor && (
                      <span
                        aria-hidden
                        className="size-3.5 rounded-full ring-1 ring-slate-900/10"
                        style={{ backgroundColor: organization.portalAccentColor }}
                      />
                    )}
                    {organization.portalName ?? <span className="text-slate-400 max-md:hidden">—</span>}
                    {organization.portalAccentColor && (
                      <span className="sr-only">accent colour {organization.portalAccentColor}</span>
                    )}
                  </span>
                </td>
                <td className="px-4 py-3 text-slate-600 max-md:p-0 max-md:text-xs">
                  {organization.members}
                  <span className="md:hidden"> {organization.members === 1 ? "member" : "members"}</span>
                </td>
                <td className="px-4 py-3 text-slate-600 max-md:hidden">
                  <LocalTime value={organization.createdAt} format="date" />
                </td>
                <td className="px-4 py-3 text-right max-md:ml-auto max-md:p-0">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setEditing(organization)}
                    aria-label={`Edit ${organization.name}`}
                  >
                    Edit
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OrganizationDialog
        key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
        organization={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </section>
  );
}
