"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ChevronRightIcon, PlusIcon, WebhookIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { EndpointSummary } from "@/lib/webhooks/endpoints";
import type { HealthSummary } from "@/lib/webhooks/health";
import { AddWebhookDialog } from "./add-webhook-dialog";
import { EndpointSparkline } from "./endpoint-sparkline";
import { eventTypesSummary } from "./event-type-picker";
import { SIGNATURE_LABELS } from "./signature-label";
import { AdminOnly, useOrganization } from "@/components/layout/organization";

/** `eventTypes`: the catalogue the "Add a webhook" dialog offers for its event-type filter; `health`: each endpoint's last 24 h. */
export function EndpointList({
  endpoints,
  limit,
  eventTypes,
  health = {},
}: {
  endpoints: EndpointSummary[];
  limit: number;
  eventTypes: string[];
  health?: Record<string, HealthSummary>;
}) {
  const [adding, setAdding] = useState(false);
  const organization = useOrganization();
  const full = endpoints.length >= limit;
  return (
    <section aria-labelledby="webhooks-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="webhooks-heading" className="text-base font-semibold text-slate-900">
            Webhook endpoints
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Each event is signed and sent to every endpoint.{" "}
            <span data-testid="endpoint-usage" className={full ? "font-medium text-slate-700" : undefined}>
              {endpoints.length} of {limit} endpoints
            </span>
            {full && (
              <>
                {" · "}
                <span id="endpoint-limit-reason">The limit is reached: delete an endpoint to add another.</span>
              </>
            )}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-3">
          <Link
            href={organization.href("/developers/webhooks/events")}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            All events
          </Link>
          <AdminOnly>
            <Button
              onClick={() => setAdding(true)}
              disabled={full}
              aria-describedby={full ? "endpoint-limit-reason" : undefined}
              title={full ? "The endpoint limit is reached" : undefined}
            >
              <PlusIcon />
              Add a webhook
            </Button>
          </AdminOnly>
        </div>
      </div>

      {endpoints.length === 0 ? (
        <EmptyState
          icon={<WebhookIcon className="size-5" />}
          title="No webhook endpoint yet"
          action={
            <AdminOnly>
              <Button onClick={() => setAdding(true)}>
                <PlusIcon />
                Add a webhook
              </Button>
            </AdminOnly>
          }
        >
          Add the URL of a server that listens to events. Hookline signs every delivery and retries failures.
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl ring-1 ring-slate-200">
          {/* Below 768 px each row becomes a card: the URL, then its badges, then the last 24 hours. */}
          <table className="w-full text-left text-sm max-md:block">
            <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500 max-md:sr-only">
              <tr>
                <th scope="col" className="px-4 py-2.5">
                  Webhook URL
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Signature
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Status
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Last 24 h
                </th>
                <th scope="col" className="hidden px-4 py-2.5 xl:table-cell">
                  Created
                </th>
                <th scope="col" className="w-10 px-4 py-2.5">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 max-md:block">
              {endpoints.map((endpoint) => (
                <tr
                  key={endpoint.id}
                  className="group relative hover:bg-slate-50 max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-2 max-md:px-4 max-md:py-3"
                >
                  <td className="w-full max-w-0 px-4 py-3 max-md:max-w-none max-md:basis-full max-md:p-0">
                    <Link
                      href={organization.href(`/developers/webhooks/${endpoint.id}`)}
                      className="block truncate font-medium text-slate-900 after:absolute after:inset-0"
                    >
                      {endpoint.url}
                    </Link>
                    <span className="block truncate text-xs text-slate-500">
                      {endpoint.name && <>{endpoint.name} · </>}
                      {eventTypesSummary(endpoint.eventTypes)}
                    </span>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap max-md:p-0">
                    <Badge tone="blue">{SIGNATURE_LABELS[endpoint.signatureAlgo]}</Badge>
                  </td>
                  <td className="px-4 py-3 max-md:p-0">
                    {endpoint.enabled ? (
                      <Badge tone="green">Enabled</Badge>
                    ) : (
                      <>
                        <Badge tone="amber">Disabled</Badge>
                        {endpoint.disabledReason && (
                          <span
                            className="mt-1 block max-w-56 text-xs text-amber-800 line-clamp-2"
                            title={endpoint.disabledReason}
                          >
                            {endpoint.disabledReason}
                          </span>
                        )}
                      </>
                    )}
                  </td>
                  <td className="px-4 py-3 max-md:basis-full max-md:p-0">
                    {health[endpoint.id] && <EndpointSparkline health={health[endpoint.id]} />}
                  </td>
                  <td className="hidden px-4 py-3 text-slate-600 xl:table-cell">
                    <LocalTime value={endpoint.createdAt} />
                  </td>
                  <td className="px-4 py-3 text-slate-400 group-hover:text-slate-600 max-md:hidden">
                    <ChevronRightIcon />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <AddWebhookDialog open={adding} onClose={() => setAdding(false)} eventTypes={eventTypes} />
    </section>
  );
}
