"use client";

import { useOrganization } from "@/components/layout/organization";
import type { WebhookDetail as Detail } from "@/lib/webhooks/detail";
import { StatusBadge } from "./status-badge";

/** The one emitted event fans out to every subscribed endpoint: where it went and how each fared. */
export function SentTo({ detail, titleId }: { detail: Detail; titleId: string }) {
  const organization = useOrganization();
  return (
    <section aria-labelledby={`${titleId}-sent-to`}>
      <h3 id={`${titleId}-sent-to`} className="mb-2 text-sm font-semibold text-slate-900">
        Sent to{" "}
        <span className="font-normal text-slate-500 tabular-nums">
          ({detail.deliveries.length} {detail.deliveries.length === 1 ? "endpoint" : "endpoints"})
        </span>
      </h3>
      <p className="mb-2 text-xs text-slate-500">
        Event <span className="font-mono">{detail.eventId}</span>
      </p>
      <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
        {detail.deliveries.map((d) => (
          <li key={d.webhookId} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
            {d.webhookId === detail.id ? (
              <span className="min-w-0 truncate font-mono text-xs text-slate-700" title={d.endpointUrl}>
                {d.endpointUrl} (this one)
              </span>
            ) : (
              <a
                href={organization.href(`/developers/webhooks/${d.endpointId}?event=${d.webhookId}`)}
                className="min-w-0 truncate font-mono text-xs text-brand-700 hover:underline"
                title={d.endpointUrl}
              >
                {d.endpointUrl}
              </a>
            )}
            <span className="flex shrink-0 items-center gap-2">
              <span className="font-mono text-xs tabular-nums text-slate-600">{d.lastHttpStatus ?? "—"}</span>
              <StatusBadge status={d.status} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
