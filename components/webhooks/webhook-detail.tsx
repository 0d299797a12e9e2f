"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { AlertIcon, ChevronRightIcon, XIcon } from "@/components/ui/icons";
import { JsonView } from "@/components/ui/json-view";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";
import type { WebhookDetail as Detail } from "@/lib/webhooks/detail";
import { AttemptExchange } from "./attempt-exchange";
import { fetchWebhookDetail, LogRequestError, logKeys } from "./log-api";
import { StatusBadge } from "./status-badge";
import { ResendButton, RetryNowButton, StopRetryingButton } from "./webhook-actions";
import { AdminOnly, useOrganization } from "@/components/layout/organization";

function responseLabel(code: number | null, reason: string | null): string {
  return code === null ? "" : reason ? `${code} ${reason}` : String(code);
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toLocaleString("en-US")} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

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
      <ActionBar endpointId={endpointId} detail={detail} />
      <div className="flex-1 space-y-8 overflow-y-auto px-6 py-6 max-sm:px-4">
        <Properties detail={detail} />
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
        <Attempts detail={detail} endpointId={endpointId} titleId={titleId} />
        {detail.deliveries.length > 0 && <SentTo detail={detail} titleId={titleId} />}
      </div>
    </>
  );
}

/** The one emitted event fans out to every subscribed endpoint: where it went and how each fared. */
function SentTo({ detail, titleId }: { detail: Detail; titleId: string }) {
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

function Property({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={cn("min-w-0", wide && "sm:col-span-2")}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Properties({ detail }: { detail: Detail }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 rounded-xl bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2">
      <Property label="Timestamp">
        <span className="tabular-nums">
          <LocalTime value={detail.createdAt} />
        </span>
      </Property>
      <Property label="Webhook type">
        <span className="font-mono text-[13px]">{detail.webhookType}</span>
      </Property>
      <Property label="Webhook URL" wide>
        <span className="font-mono text-[13px] break-all">{detail.endpointUrl}</span>
      </Property>
      <Property label="Unique key" wide>
        <span className="inline-flex max-w-full items-center gap-1">
          <span className="truncate font-mono text-[13px]">{detail.id}</span>
          <CopyButton value={detail.id} label="Copy unique key" />
        </span>
      </Property>
      <Property label="Response">
        {detail.inFlightSince && detail.attemptCount === 0 ? (
          <Sending since={detail.inFlightSince} />
        ) : detail.responseCode !== null ? (
          <span className={cn("font-mono text-[13px] tabular-nums", detail.responseCode >= 300 && "text-red-700")}>
            {responseLabel(detail.responseCode, detail.reasonPhrase)}
          </span>
        ) : detail.attemptCount > 0 ? (
          <span className="text-red-700">No response</span>
        ) : (
          <span className="text-slate-500">Not sent yet</span>
        )}
      </Property>
      <Property label="Number of retries">
        <span className="tabular-nums">{detail.retries}</span>
      </Property>
      {detail.status === "retrying" && detail.nextAttemptAt && (
        <Property label="Next attempt">
          <span className="tabular-nums">
            <LocalTime value={detail.nextAttemptAt} />
          </span>
        </Property>
      )}
      {detail.objectId && (
        <Property label="Object">
          <span className="font-mono text-[13px] break-all">
            {detail.objectType} · {detail.objectId}
          </span>
        </Property>
      )}
      {detail.status === "failed" && detail.failureReason && (
        <Property label="Why it stopped" wide>
          {detail.failureReason}
        </Property>
      )}
    </dl>
  );
}

/** The attempts, newest first; each opens to its request and answer (the newest is open to begin with). */
function Attempts({ detail, endpointId, titleId }: { detail: Detail; endpointId: string; titleId: string }) {
  const { attempts } = detail;
  // The ones the operator flipped: the newest starts open (a retry's new attempt opens in its turn), the rest closed.
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setFlipped((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section aria-labelledby={`${titleId}-attempts`}>
      <h3 id={`${titleId}-attempts`} className="mb-2 text-sm font-semibold text-slate-900">
        Attempts <span className="font-normal text-slate-500 tabular-nums">({attempts.length})</span>
      </h3>
      {attempts.length === 0 ? (
        <p className="rounded-xl px-4 py-6 text-center text-sm text-slate-500 ring-1 ring-slate-200">
          No attempt yet: the first one is on its way.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 overflow-hidden rounded-xl ring-1 ring-slate-200">
          {attempts.map((attempt, index) => {
            const expanded = (index === 0) !== flipped.has(attempt.id);
            const number = attempts.length - index;
            const status =
              attempt.statusCode !== null
                ? responseLabel(attempt.statusCode, attempt.reasonPhrase)
                : (attempt.error ?? "No response");
            return (
              <li key={attempt.id} aria-label={`Attempt ${number}`}>
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={`${titleId}-attempt-${attempt.id}`}
                  onClick={() => toggle(attempt.id)}
                  className="flex w-full items-start gap-3 px-4 py-2.5 text-left text-sm hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none focus-visible:ring-inset"
                >
                  <ChevronRightIcon
                    aria-hidden
                    className={cn(
                      "mt-0.5 size-4 shrink-0 text-slate-400 transition-transform",
                      expanded && "rotate-90",
                    )}
                  />
                  <span className="w-5 shrink-0 text-slate-500 tabular-nums">{number}</span>
                  <span className="min-w-0 flex-1">
                    <span
                      className={cn(
                        "flex max-w-full items-center gap-1.5 font-medium",
                        attempt.succeeded ? "text-emerald-700" : "text-red-700",
                      )}
                    >
                      <span
                        aria-hidden
                        className={cn(
                          "size-1.5 shrink-0 rounded-full",
                          attempt.succeeded ? "bg-emerald-500" : "bg-red-500",
                        )}
                      />
                      <span className="sr-only">{attempt.succeeded ? "Succeeded:" : "Failed:"}</span>
                      <span
                        className={cn("truncate", attempt.statusCode !== null && "font-mono text-[13px] tabular-nums")}
                      >
                        {status}
                      </span>
                      {attempt.manual && (
                        <span
                          title="Sent because an operator asked (Retry now, Resend or Retry all failed)"
                          className="shrink-0 rounded bg-slate-100 px-1.5 py-px text-[11px] font-medium text-slate-600"
                        >
                          Manual
                        </span>
                      )}
                    </span>
                    {attempt.statusCode !== null && attempt.error && (
                      <span className="mt-0.5 block truncate text-xs text-red-700">{attempt.error}</span>
                    )}
                    {!expanded && attempt.responseExcerpt && (
                      <span className="mt-0.5 block truncate font-mono text-xs text-slate-500">
                        {attempt.responseExcerpt}
                      </span>
                    )}
                  </span>
                  <span className="shrink-0 text-right text-xs whitespace-nowrap text-slate-600 tabular-nums">
                    <LocalTime value={attempt.startedAt} />
                    <span className="block text-slate-500">{formatDuration(attempt.durationMs)}</span>
                  </span>
                </button>
                {expanded && (
                  <div id={`${titleId}-attempt-${attempt.id}`} className="border-t border-slate-100 bg-slate-50/60">
                    <AttemptExchange
                      endpointId={endpointId}
                      webhookId={detail.id}
                      attemptId={attempt.id}
                      payload={detail.payload}
                      statusLabel={status}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** "Sending… since 10:42:07": an attempt is in flight (a worker or an operator holds the webhook). */
function Sending({ since }: { since: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-slate-700">
      <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" />
      <span>
        Sending… since{" "}
        <span className="tabular-nums">
          <LocalTime value={since} format="time" />
        </span>
      </span>
    </span>
  );
}

/** Where the event stands, in one line, and what the operator can do about it. */
function ActionBar({ endpointId, detail }: { endpointId: string; detail: Detail }) {
  // A viewer reads the state; Retry, Resend and Stop are an admin's.
  const { canEdit } = useOrganization();
  const lastFailed = detail.status === "failed" || detail.status === "retrying";
  let state: React.ReactNode;
  if (detail.inFlightSince) state = <Sending since={detail.inFlightSince} />;
  else if (detail.status === "retrying" && detail.nextAttemptAt) {
    state = (
      <span>
        The last attempt failed. Next automatic attempt at{" "}
        <span className="tabular-nums">
          <LocalTime value={detail.nextAttemptAt} />
        </span>
        .
      </span>
    );
  } else if (detail.status === "failed") state = "The last attempt failed; no automatic attempt is left.";
  else if (detail.status === "succeeded") {
    state = detail.deliveredAt ? (
      <span>
        Delivered at{" "}
        <span className="tabular-nums">
          <LocalTime value={detail.deliveredAt} />
        </span>
        .
      </span>
    ) : (
      "Delivered."
    );
  } else state = "Waiting for its first attempt.";

  // While an attempt is in flight nothing else may be sent: the buttons come back with its result.
  let actions: React.ReactNode = null;
  if (detail.inFlightSince || !canEdit) actions = null;
  else if (!detail.endpointEnabled && detail.status !== "pending")
    actions = <span className="text-xs text-slate-500">Enable the endpoint to send it again</span>;
  else if (lastFailed) {
    actions = (
      <>
        {detail.status === "retrying" && <StopRetryingButton endpointId={endpointId} webhookId={detail.id} />}
        <RetryNowButton endpointId={endpointId} webhookId={detail.id} />
      </>
    );
  } else if (detail.status === "succeeded") actions = <ResendButton endpointId={endpointId} webhookId={detail.id} />;

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-slate-50 px-6 py-2.5 text-sm text-slate-600">
      <p aria-live="polite" className="min-w-0">
        {state}
      </p>
      {actions && (
        <AdminOnly>
          <div className="ml-auto flex shrink-0 flex-wrap items-center gap-2">{actions}</div>
        </AdminOnly>
      )}
    </div>
  );
}
