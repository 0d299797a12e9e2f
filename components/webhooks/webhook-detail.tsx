"use client";

import { useQuery } from "@tanstack/react-query";
import { useOrganization } from "@/components/layout/organization";
import { Button } from "@/components/ui/button";
import { AlertIcon, XIcon } from "@/components/ui/icons";
import { JsonView } from "@/components/ui/json-view";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";
import type { WebhookDetail as Detail } from "@/lib/webhooks/detail";
import { AttemptList } from "./attempt-list";
import { fetchWebhookDetail, LogRequestError, logKeys } from "./log-api";
import { SentTo } from "./sent-to";
import { StatusBadge } from "./status-badge";
import { WebhookActionBar } from "./webhook-action-bar";
import { WebhookProperties } from "./webhook-properties";

/**
 * One event of the log: the guide's properties, the payload, the error response when it failed, the attempt
 * history, and what an operator can do: Retry now when the last attempt failed, Stop retrying, Resend.
 */
export function WebhookDetailPanel({
  endpointId,
  webhookId,
  initial,
  titleId,
  onClose,
}: {
  endpointId: string;
  webhookId: string;
  initial: Detail | null;
  titleId: string;
  onClose: () => void;
}) {
  const organization = useOrganization();
  const query = useQuery({
    queryKey: logKeys.detail(endpointId, webhookId),
    queryFn: ({ signal }) => fetchWebhookDetail(organization.id, endpointId, webhookId, signal),
    initialData: initial?.id === webhookId ? initial : undefined,
    // Pending and retrying ones change on their own: follow them while the panel is open, closely while one is sent.
    refetchInterval: (q) => {
      const data = q.state.data;
      if (data?.inFlightSince) return 1000;
      return data && (data.status === "pending" || data.status === "retrying") ? 5000 : false;
    },
    refetchIntervalInBackground: false,
    retry: (count, error) => !(error instanceof LogRequestError && error.status === 404) && count < 1,
  });

  const header = (title: React.ReactNode, extra?: React.ReactNode) => (
    // On a phone the actions take the first line and the title the whole second one, so it is not cut short.
    <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-6 py-4 max-sm:flex-wrap max-sm:justify-end max-sm:gap-y-1 max-sm:px-4">
      <div className="min-w-0 max-sm:order-last max-sm:basis-full">
        <p className="text-xs font-medium text-slate-500">Event</p>
        <h2 id={titleId} className="mt-0.5 truncate text-lg font-semibold text-slate-900">
          {title}
        </h2>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        {extra}
        <button
          type="button"
          onClick={onClose}
          aria-label="Close"
          title="Close (Esc)"
          className="rounded-lg p-2 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        >
          <XIcon className="size-5" />
        </button>
      </div>
    </div>
  );

  if (!query.data) {
    if (query.isError) {
      const missing = query.error instanceof LogRequestError && query.error.status === 404;
      return (
        <>
          {header(missing ? "Event not found" : "The event could not be loaded")}
          <div role="alert" className="flex flex-1 flex-col items-center justify-center px-6 text-center">
            <AlertIcon className="size-6 text-slate-400" />
            <p className="mt-2 max-w-sm text-sm text-slate-600">{query.error.message}</p>
            {!missing && (
              <Button variant="secondary" className="mt-4" onClick={() => query.refetch()} disabled={query.isFetching}>
                Try again
              </Button>
            )}
          </div>
        </>
      );
    }
    return (
      <>
        {header(<Skeleton className="my-1 h-5 w-48" />)}
        <SkeletonGroup label="Loading the event" className="space-y-6 px-6 py-6">
          <div className="grid grid-cols-2 gap-5">
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="space-y-2">
                <Skeleton className="h-3 w-24" />
                <Skeleton className="h-4 w-40" />
              </div>
            ))}
          </div>
          <Skeleton className="h-64 w-full rounded-xl" />
        </SkeletonGroup>
      </>
    );
  }

  const detail = query.data;
  return (
    <>
      {header(detail.webhookType, <StatusBadge status={detail.status} />)}
      <WebhookActionBar endpointId={endpointId} detail={detail} />
      <div className="flex-1 space-y-8 overflow-y-auto px-6 py-6 max-sm:px-4">
        <WebhookProperties detail={detail} />
        <section aria-labelledby={`${titleId}-payload`}>
          <h3 id={`${titleId}-payload`} className="mb-2 text-sm font-semibold text-slate-900">
            Payload
          </h3>
          <JsonView value={detail.payload} label="Payload" />
        </section>
        {detail.errorResponse && (
          <section aria-labelledby={`${titleId}-error`}>
            <div className="mb-2 flex items-baseline gap-2">
              <h3 id={`${titleId}-error`} className="text-sm font-semibold text-slate-900">
                Error response
              </h3>
              {detail.errorResponse.kind === "body" && detail.errorResponse.truncated && (
                <span className="text-xs text-slate-500">(truncated at the size limit)</span>
              )}
            </div>
            {detail.errorResponse.kind === "body" ? (
              <JsonView value={detail.errorResponse.body} label="Error response" tone="error" />
            ) : (
              <div className="flex gap-2 rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
                <AlertIcon className="mt-0.5 size-4 shrink-0" />
                <p className="font-mono text-[12.5px] break-words">{detail.errorResponse.message}</p>
              </div>
            )}
          </section>
        )}
        <AttemptList detail={detail} endpointId={endpointId} titleId={titleId} />
        {detail.deliveries.length > 0 && <SentTo detail={detail} titleId={titleId} />}
      </div>
    </>
  );
}
