"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, ChevronRightIcon, SearchIcon, SendIcon } from "@/components/ui/icons";
import { formatDay } from "@/components/ui/date-format";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";
import { plainClick } from "@/components/ui/plain-click";
import type { WebhookListItem } from "@/lib/webhooks/queries";
import { shortKey } from "./log-api";
import { StatusBadge } from "./status-badge";
import { RowRetryButton } from "./webhook-actions";
import { useOrganization } from "@/components/layout/organization";

const subscribe = () => () => undefined;

/** False while rendering on the server and hydrating, so day groups match the server's (UTC) first paint. */
function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

type DayGroup = { key: string; label: string; items: WebhookListItem[] };

function groupByDay(items: WebhookListItem[], local: boolean): DayGroup[] {
  const zone = local ? undefined : "UTC";
  const dayKey = (date: Date) => date.toLocaleDateString("en-CA", { timeZone: zone });
  const today = dayKey(new Date());
  const yesterday = dayKey(new Date(Date.now() - 86_400_000));
  const groups: DayGroup[] = [];
  for (const item of items) {
    const date = new Date(item.createdAt);
    const key = dayKey(date);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      const long = formatDay(date, local ? {} : { timeZone: "UTC", locale: "en-GB" });
      const label = key === today ? `Today · ${long}` : key === yesterday ? `Yesterday · ${long}` : long;
      group = { key, label: local ? label : `${label} (UTC)`, items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

function responseText(item: WebhookListItem): { text: string; tone: string } {
  if (item.lastHttpStatus !== null) {
    const ok = item.lastHttpStatus >= 200 && item.lastHttpStatus < 300;
    return { text: String(item.lastHttpStatus), tone: ok ? "text-slate-700" : "text-red-700" };
  }
  if (item.attemptCount > 0) return { text: "No response", tone: "text-red-700" };
  return { text: "—", tone: "text-slate-500" };
}

const NEXT_KEYS = new Set(["j", "ArrowDown"]);
const PREVIOUS_KEYS = new Set(["k", "ArrowUp"]);

/** j/k and the arrow keys move between rows (Enter opens one: each row is a link). */
function moveBetweenRows(event: React.KeyboardEvent<HTMLTableElement>) {
  const step = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
  if (!step || event.metaKey || event.ctrlKey || event.altKey) return;
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("[data-webhook-link]"));
  const current = links.indexOf(document.activeElement as HTMLElement);
  if (current === -1) return;
  event.preventDefault();
  const next = links[Math.min(Math.max(current + step, 0), links.length - 1)];
  next?.focus();
  next?.scrollIntoView({ block: "nearest" });
}

/**
 * The log, grouped by day, newest first. Each row is a link named by its webhook type (Enter opens it); a row whose
 * last attempt failed also offers Retry now when `retry` says the endpoint can take it.
 */
export function LogList({
  items,
  selectedId,
  hrefFor,
  onOpen,
  dimmed,
  retry,
}: {
  items: WebhookListItem[];
  selectedId: string | null;
  hrefFor: (id: string) => string;
  onOpen: (id: string) => void;
  dimmed?: boolean;
  retry?: { endpointId: string; enabled: boolean };
}) {
  const local = useIsClient();
  const { canEdit } = useOrganization();
  const groups = groupByDay(items, local);
  const showRetry = (item: WebhookListItem) =>
    Boolean(retry?.enabled) && (item.status === "failed" || item.status === "retrying");
  return (
    // j/k and the arrows move between the rows' links: the keys reach the table from the link that has the focus.
    // Below 640 px the table reflows: each row stacks its fields (type and time, then status and response). Below
    // 1024 px the headers stick under the top bar (3.5 rem).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <table
      className={cn("w-full text-left text-sm transition-opacity max-sm:block", dimmed && "opacity-60")}
      aria-busy={dimmed || undefined}
      onKeyDown={moveBetweenRows}
    >
      <thead className="sticky top-0 z-[2] bg-white text-xs font-medium text-slate-500 shadow-[0_1px_0_var(--color-slate-200)] max-lg:top-14 max-sm:sr-only">
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-2 pr-3 pl-4 font-medium">
            Webhook type
          </th>
          <th scope="col" className="hidden px-3 py-2 font-medium whitespace-nowrap lg:table-cell">
            Unique key
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Response
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Status
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            Time
          </th>
          <th scope="col" className="w-10 py-2 pr-4">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group.key} className="divide-y divide-slate-100 max-sm:block">
          <tr className="max-sm:block">
            <th
              scope="colgroup"
              colSpan={6}
              className="sticky top-[33px] z-[1] border-y border-slate-200 bg-slate-50/95 py-1.5 pl-4 text-xs font-semibold text-slate-600 backdrop-blur max-lg:top-[89px] max-sm:top-14 max-sm:block"
            >
              {group.label}
            </th>
          </tr>
          {group.items.map((item) => {
            const response = responseText(item);
            const selected = item.id === selectedId;
            return (
              <tr
                key={item.id}
                className={cn(
                  "group relative transition-colors max-sm:grid max-sm:grid-cols-[minmax(0,1fr)_auto] max-sm:gap-x-3 max-sm:gap-y-1.5 max-sm:px-4 max-sm:py-2.5",
                  selected ? "bg-brand-50" : "hover:bg-slate-50 focus-within:bg-slate-50",
                )}
              >
                <td className="w-full max-w-0 py-2.5 pr-3 pl-4 max-sm:col-start-1 max-sm:row-start-1 max-sm:w-auto max-sm:max-w-none max-sm:p-0">
                  <a
                    href={hrefFor(item.id)}
                    data-webhook-link={item.id}
                    aria-current={selected ? "true" : undefined}
                    onClick={(event) => {
                      if (!plainClick(event)) return;
                      event.preventDefault();
                      onOpen(item.id);
                    }}
                    className="block truncate font-medium text-slate-900 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:rounded-md focus-visible:after:ring-2 focus-visible:after:ring-brand-500 focus-visible:after:ring-inset"
                  >
                    {item.webhookType}
                  </a>
                  {item.objectId && (
                    <span
                      className={cn("block truncate font-mono text-xs", selected ? "text-slate-600" : "text-slate-500")}
                    >
                      {item.objectId}
                    </span>
                  )}
                </td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap lg:table-cell">
                  <span
                    className={cn("font-mono text-xs", selected ? "text-slate-700" : "text-slate-600")}
                    title={item.id}
                  >
                    {shortKey(item.id)}
                  </span>
                </td>
                <td
                  className={cn(
                    "px-3 py-2.5 font-mono text-xs whitespace-nowrap tabular-nums max-sm:col-start-2 max-sm:row-start-2 max-sm:self-center max-sm:p-0 max-sm:text-right",
                    response.tone,
                  )}
                >
                  {response.text}
                </td>
                <td className="px-3 py-2.5 whitespace-nowrap max-sm:col-start-1 max-sm:row-start-2 max-sm:p-0">
                  <StatusBadge status={item.status} />
                  {item.retries > 0 && (
                    <span className={cn("ml-1.5 text-xs tabular-nums", selected ? "text-slate-600" : "text-slate-500")}>
                      {item.retries} {item.retries === 1 ? "retry" : "retries"}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2.5 text-right whitespace-nowrap text-slate-600 tabular-nums max-sm:col-start-2 max-sm:row-start-1 max-sm:p-0">
                  <LocalTime value={item.createdAt} format="relative" beyond="time" />
                </td>
                <td
                  className={cn(
                    "py-2.5 pr-4 text-slate-300 group-hover:text-slate-500",
                    !showRetry(item) && "max-sm:hidden",
                  )}
                >
                  <span className="flex items-center justify-end gap-2">
                    {showRetry(item) && retry && canEdit && (
                      <RowRetryButton endpointId={retry.endpointId} item={item} />
                    )}
                    <ChevronRightIcon className="size-4 shrink-0 max-sm:hidden" />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}

/** Rows of grey bars shaped like the log, while the first page loads. */
export function LogSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <SkeletonGroup label="Loading events" className="divide-y divide-slate-100">
      <div className="bg-slate-50 py-2 pl-4">
        <Skeleton className="h-3 w-40" />
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-6 px-4 py-3.5">
          <Skeleton className={cn("h-3.5", i % 3 === 0 ? "w-44" : i % 3 === 1 ? "w-36" : "w-52")} />
          <Skeleton className="hidden h-3 w-24 md:block" />
          <Skeleton className="h-3 w-8" />
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="ml-auto h-3 w-16" />
        </div>
      ))}
    </SkeletonGroup>
  );
}

/** The endpoint has no event at all: say how to send one. */
export function NoEventsYet({ apiUrl }: { apiUrl: string }) {
  const organization = useOrganization();
  const curl = `curl -X POST ${apiUrl}/api/v1/events \\
  -H "Authorization: Bearer $HOOKLINE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"event": {"webhook_type": "invoice.created",
       "object_type": "invoice", "object": {"lago_id": "inv_123"}}}'`;
  return (
    <div className="px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <SendIcon className="size-5" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">No events yet</h3>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
        Events sent to this endpoint appear here as they happen. Emit one from your application with the API (
        <code className="font-mono text-[13px] text-slate-700">POST /api/v1/events</code>), or use the{" "}
        <span className="font-medium text-slate-700">Send test event</span> button above.
      </p>
      <div className="relative mx-auto mt-5 max-w-xl">
        <pre
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to scroll by keyboard
          tabIndex={0}
          className="overflow-x-auto rounded-xl bg-slate-900 py-3 pr-12 pl-4 text-left font-mono text-xs leading-5 text-slate-100 dark:bg-slate-50 dark:text-slate-800 dark:ring-1 dark:ring-slate-200"
          aria-label="Example request"
        >
          {curl}
        </pre>
        <CopyButton
          value={curl}
          label="Copy example request"
          className="absolute top-2 right-2 text-slate-400 hover:bg-slate-700 hover:text-white dark:text-slate-500 dark:hover:bg-slate-100 dark:hover:text-slate-800"
        />
      </div>
      <div className="mt-5 flex items-center justify-center gap-3">
        <Link
          href={organization.href("/developers/api-keys")}
          className="text-sm font-medium text-brand-700 hover:text-brand-600 hover:underline"
        >
          Create an API key
        </Link>
      </div>
    </div>
  );
}

/** Filters that match nothing: say so, and offer the way out. */
export function NothingMatches({
  onClear,
  title = "No events match these filters",
}: {
  onClear: () => void;
  title?: string;
}) {
  return (
    <div className="px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <SearchIcon className="size-5" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">{title}</h3>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">
        Try another status, type, response or date range. A search matches any 6 or more characters of a unique key, the
        start of an object id, part of a webhook type, or an event id.
      </p>
      <Button variant="secondary" className="mt-5" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}

/** The first page could not be loaded. */
export function LogError({ message, onRetry, retrying }: { message: string; onRetry: () => void; retrying: boolean }) {
  return (
    <div role="alert" className="px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-red-50 text-red-600">
        <AlertIcon className="size-5" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">The log could not be loaded</h3>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">{message}</p>
      <Button variant="secondary" className="mt-5" onClick={onRetry} disabled={retrying}>
        {retrying ? "Trying…" : "Try again"}
      </Button>
    </div>
  );
}
