"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon, PlusIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { ApiKeySummary } from "@/lib/api/api-keys";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";
import { AdminOnly } from "@/components/layout/organization";

/**
 * The organization's API keys, or (`installation`, for the installation's owner only) the installation keys that
 * manage organizations through the platform API and act in any of them with the Hookline-Organization header.
 */
export function ApiKeyList({ keys, installation = false }: { keys: ApiKeySummary[]; installation?: boolean }) {
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const headingId = installation ? "installation-keys-heading" : "api-keys-heading";
  return (
    <section aria-labelledby={headingId}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {installation ? "Installation keys" : "API keys"}
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            {installation
              ? "For your platform's backend: create and manage organizations, and act in any of them with the Hookline-Organization header. Only you, the installation's owner, see these."
              : "Your applications use a key to send events to Hookline and manage endpoints through the API."}
          </p>
        </div>
        <AdminOnly>
          <Button onClick={() => setCreating(true)}>
            <PlusIcon />
            {installation ? "Create installation key" : "Create API key"}
          </Button>
        </AdminOnly>
      </div>

      {keys.length === 0 ? (
        <EmptyState
          icon={<KeyIcon className="size-5" />}
          title={installation ? "No installation key yet" : "No API key yet"}
          action={
            <AdminOnly>
              <Button onClick={() => setCreating(true)}>
                <PlusIcon />
                {installation ? "Create installation key" : "Create API key"}
              </Button>
            </AdminOnly>
          }
        >
          {installation
            ? "Create one for the backend that provisions your customers' organizations."
            : "Create a key for each application that sends events, so you can revoke one without touching the others."}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl ring-1 ring-slate-200">
          {/* Below 768 px each key becomes a card: its name, then prefix, status, last use and Revoke. */}
          <table className="w-full text-left text-sm max-md:block">
            <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500 max-md:sr-only">
              <tr>
                <th scope="col" className="px-4 py-2.5">
                  Name
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Key
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Created
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Last used
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Status
                </th>
                <th scope="col" className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 max-md:block">
              {keys.map((key) => (
                <tr
                  key={key.id}
                  className={cn(
                    "max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-2 max-md:px-4 max-md:py-3",
                    key.revokedAt && "text-slate-400",
                  )}
                >
                  <td className="max-w-xs truncate px-4 py-3 font-medium text-slate-900 max-md:max-w-none max-md:basis-full max-md:p-0">
                    {key.name}
                  </td>
                  <td className="px-4 py-3 max-md:p-0">
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                      {key.prefix}…
                    </code>
                  </td>
                  <td className="px-4 py-3 text-slate-600 max-md:hidden">
                    <LocalTime value={key.createdAt} />
                  </td>
                  <td className="px-4 py-3 text-slate-600 max-md:order-last max-md:basis-full max-md:p-0 max-md:text-xs">
                    <span className="md:hidden">Last used </span>
                    {key.lastUsedAt ? <LocalTime value={key.lastUsedAt} /> : "Never"}
                  </td>
                  <td className="px-4 py-3 max-md:p-0">
                    {key.revokedAt ? (
                      <Badge tone="slate">
                        Revoked <LocalTime value={key.revokedAt} format="date" />
                      </Badge>
                    ) : (
                      <Badge tone="green">Active</Badge>
                    )}
                  </td>
                  <td className="px-4 py-3 text-right max-md:ml-auto max-md:p-0">
                    {!key.revokedAt && (
                      <AdminOnly>
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setRevoking(key)}
                          aria-label={`Revoke ${key.name}`}
                        >
                          Revoke
                        </Button>
                      </AdminOnly>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <CreateApiKeyDialog open={creating} installation={installation} onClose={() => setCreating(false)} />
      <RevokeApiKeyDialog apiKey={revoking} installation={installation} onClose={() => setRevoking(null)} />
    </section>
  );
}
