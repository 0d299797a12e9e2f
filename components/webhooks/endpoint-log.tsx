"use client";

import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChevronRightIcon } from "@/components/ui/icons";
import { CopyButton } from "@/components/ui/copy-button";
import {
  hasActiveFilters,
  logFiltersToSearchParams,
  readLogFilters,
  sameLogFilters,
  EMPTY_LOG_FILTERS,
  type LogFilters,
} from "@/lib/webhooks/log-filters";
import type { WebhookPage } from "@/lib/webhooks/queries";
import type { WebhookDetail } from "@/lib/webhooks/detail";
import type { SignatureAlgo } from "@/lib/webhooks/signing";
import { DetailDrawer } from "./detail-drawer";
import { ExportMenu } from "./export-menu";
import { fetchLogCount, fetchLogPage, logKeys } from "./log-api";
import { InvalidFilters } from "./invalid-filters";
import { LogToolbar } from "./log-toolbar";
import { ReloadControl } from "./reload-control";
import { StatusTabs } from "./status-tabs";
import { LogError, LogList, LogSkeleton, NoEventsYet, NothingMatches } from "./log-list";
import { SIGNATURE_LABELS } from "./signature-label";
import { WebhookDetailPanel } from "./webhook-detail";
import { useOrganization } from "@/components/layout/organization";

export type LogEndpoint = {
  id: string;
  url: string;
  name: string | null;
  signatureAlgo: SignatureAlgo;
  enabled: boolean;
  disabledReason: string | null;
};

const REFRESH_MS = 5_000;
const COUNT_REFRESH_MS = 15_000;

/** "1,234", or "10,000+" past the count's cap. */
function formatTotal(total: { count: number; more: boolean }): string {
  return `${total.count.toLocaleString("en-US")}${total.more ? "+" : ""}`;
}

/**
 * The log's state lives in the URL (filters, and `event` for the open detail), written with the History API:
 * Next keeps useSearchParams in step without a server round trip, and Back undoes the last change.
 */
function useLogUrl() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  // A filter that cannot be right is dropped from `filters` and said in `filterError`.
  const { filters, error: filterError } = useMemo(() => readLogFilters(searchParams), [searchParams]);
  const eventId = searchParams.get("event");
  const href = useCallback(
    (next: LogFilters, event: string | null) => {
      const params = logFiltersToSearchParams(next);
      if (event) params.set("event", event);
      const query = params.toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    [pathname],
  );
  const write = useCallback(
    (next: LogFilters, event: string | null, mode: "push" | "replace") => {
      window.history[mode === "push" ? "pushState" : "replaceState"](null, "", href(next, event));
    },
    [href],
  );
  return { filters, filterError, eventId, href, write };
}

export function EndpointLog({
  endpoint,
  initialFilters,
  initialPage,
  initialDetail,
  apiUrl,
  actions,
  panels,
}: {
  endpoint: LogEndpoint;
  initialFilters: LogFilters;
  initialPage: WebhookPage;
  initialDetail: WebhookDetail | null;
  apiUrl: string;
  /** Buttons for the header (e.g. "Send test event"), supplied by the page. */
  actions?: React.ReactNode;
  /** Panels between the header and the log (the endpoint's settings, say), supplied by the page. */
  panels?: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const organization = useOrganization();
  const { filters, filterError, eventId, href, write } = useLogUrl();
  const titleId = useId();
  const openedHere = useRef(false);
  const [reloading, setReloading] = useState(false);

  const log = useInfiniteQuery({
    queryKey: logKeys.list(endpoint.id, filters),
    queryFn: ({ pageParam, signal }) => fetchLogPage(organization.id, endpoint.id, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: sameLogFilters(filters, initialFilters) ? { pages: [initialPage], pageParams: [null] } : undefined,
    placeholderData: keepPreviousData,
    enabled: !filterError,
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });

  // A server refresh (router.refresh() after "Send test event", say) brings a new first page: fetch the log now.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: logKeys.all(endpoint.id) });
  }, [initialPage, queryClient, endpoint.id]);

  const items = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  // The count is its own query: a page never waits for it, and it refreshes less often.
  const { data: total } = useQuery({
    queryKey: logKeys.count(endpoint.id, filters),
    queryFn: ({ signal }) => fetchLogCount(organization.id, endpoint.id, filters, signal),
    enabled: !filterError,
    placeholderData: keepPreviousData,
    refetchInterval: COUNT_REFRESH_MS,
    refetchIntervalInBackground: false,
  });

  const setFilters = useCallback(
    (next: LogFilters, mode: "push" | "replace" = "push") => write(next, eventId, mode),
    [write, eventId],
  );

  const openEvent = useCallback(
    (id: string) => {
      if (eventId === id) return;
      // From the list: a new history entry, so Back closes the panel. From another open event: swap in place.
      write(filters, id, eventId ? "replace" : "push");
      if (!eventId) openedHere.current = true;
    },
    [write, filters, eventId],
  );

  const closeEvent = useCallback(() => {
    const closing = eventId;
    if (openedHere.current) {
      openedHere.current = false;
      window.history.back();
    } else {
      write(filters, null, "replace");
    }
    // Back to the row it came from, for keyboard users.
    requestAnimationFrame(() => {
      if (closing) document.querySelector<HTMLElement>(`[data-webhook-link="${CSS.escape(closing)}"]`)?.focus();
    });
  }, [eventId, write, filters]);

  // Back/forward can close the panel under us; forget that we opened it.
  useEffect(() => {
    if (!eventId) openedHere.current = false;
  }, [eventId]);

  async function reload() {
    setReloading(true);
    try {
      await queryClient.invalidateQueries({ queryKey: logKeys.all(endpoint.id) });
    } finally {
      setReloading(false);
    }
  }

  const filtered = hasActiveFilters(filters);
  const clearAll = () => setFilters(EMPTY_LOG_FILTERS);

  let body: React.ReactNode;
  if (filterError) {
    body = <InvalidFilters message={filterError} onClear={clearAll} />;
  } else if (!log.data && log.isError) {
    body = <LogError message={log.error.message} onRetry={() => log.refetch()} retrying={log.isFetching} />;
  } else if (!log.data) {
    body = <LogSkeleton />;
  } else if (items.length === 0 && !log.isPlaceholderData) {
    const onlyStatus = filtered && !hasActiveFilters({ ...filters, status: "all" });
    body = filtered ? (
      <NothingMatches onClear={clearAll} title={onlyStatus ? `No ${filters.status} events` : undefined} />
    ) : (
      <NoEventsYet apiUrl={apiUrl} />
    );
  } else {
    body = (
      <>
        <LogList
          items={items}
          selectedId={eventId}
          hrefFor={(id) => href(filters, id)}
          onOpen={openEvent}
          dimmed={log.isPlaceholderData}
          retry={{ endpointId: endpoint.id, enabled: endpoint.enabled }}
        />
        <div className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
          <span className="tabular-nums" aria-live="polite">
            Showing {items.length.toLocaleString("en-US")}
            {total ? ` of ${formatTotal(total)}` : ""}{" "}
            {(total?.count ?? items.length) === 1 && !total?.more ? "event" : "events"}
            {!log.hasNextPage && " · no more to load"}
          </span>
          {log.hasNextPage && (
            <Button variant="secondary" size="sm" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          )}
        </div>
      </>
    );
  }

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <ol className="flex items-center gap-1.5 text-slate-500">
          <li>
            <Link href={organization.href("/developers/webhooks")} className="hover:text-slate-800 hover:underline">
              Webhooks
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRightIcon className="size-3.5" />
          </li>
          <li aria-current="page" className="font-medium text-slate-700">
            Endpoint log
          </li>
        </ol>
      </nav>

      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          {/* A named endpoint is headed by its name, its URL beneath; otherwise the URL is the heading. */}
          {endpoint.name && (
            <h2 className="truncate text-lg font-semibold tracking-tight text-slate-900">{endpoint.name}</h2>
          )}
          <div className="flex min-w-0 items-center gap-1">
            {endpoint.name ? (
              <p className="truncate font-mono text-sm text-slate-600" title={endpoint.url}>
                {endpoint.url}
              </p>
            ) : (
              <h2
                className="truncate font-mono text-lg font-semibold tracking-tight text-slate-900"
                title={endpoint.url}
              >
                {endpoint.url}
              </h2>
            )}
            <CopyButton value={endpoint.url} label="Copy webhook URL" />
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Badge tone="blue">{SIGNATURE_LABELS[endpoint.signatureAlgo]} signature</Badge>
            {endpoint.enabled ? (
              <Badge tone="green">
                <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" />
                Enabled
              </Badge>
            ) : (
              <Badge tone="amber">
                <span aria-hidden className="size-1.5 rounded-full bg-amber-500" />
                Disabled
              </Badge>
            )}
          </div>
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </header>

      <section
        id="event-log"
        aria-label="Events"
        className="scroll-mt-16 overflow-clip rounded-xl bg-white ring-1 ring-slate-200 focus:outline-none lg:scroll-mt-4"
      >
        <StatusTabs filters={filters} onChange={(next) => setFilters(next)}>
          {total && !filterError && (
            <span data-testid="match-count" className="text-sm whitespace-nowrap text-slate-600 tabular-nums">
              {formatTotal(total)} {filtered ? "matching" : ""} {total.count === 1 && !total.more ? "event" : "events"}
            </span>
          )}
          {!filterError && <ExportMenu filters={filters} endpointId={endpoint.id} />}
          <ReloadControl
            onReload={reload}
            reloading={reloading || (log.isFetching && !log.isFetchingNextPage && log.isPlaceholderData)}
            updatedAt={log.dataUpdatedAt}
          />
        </StatusTabs>
        <LogToolbar endpointId={endpoint.id} filters={filters} onChange={setFilters} />
        {log.isError && log.data && (
          <div
            role="alert"
            className="flex items-center justify-between gap-4 border-t border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
          >
            <span>The log could not be refreshed: {log.error.message}</span>
            <Button variant="secondary" size="sm" onClick={() => log.refetch()}>
              Try again
            </Button>
          </div>
        )}
        <div className="border-t border-slate-200">{body}</div>
      </section>

      {/* The log comes first (the guide's "click the endpoint to see the list of events"); settings and health follow. */}
      {panels && (
        <section aria-labelledby={`${titleId}-overview`} className="mt-8">
          <h2 id={`${titleId}-overview`} className="mb-3 text-base font-semibold text-slate-900">
            Endpoint overview
          </h2>
          {panels}
        </section>
      )}

      {eventId && (
        <DetailDrawer labelledBy={titleId} onClose={closeEvent}>
          <WebhookDetailPanel
            key={eventId}
            endpointId={endpoint.id}
            webhookId={eventId}
            initial={initialDetail}
            titleId={titleId}
            onClose={closeEvent}
          />
        </DetailDrawer>
      )}
    </div>
  );
}
