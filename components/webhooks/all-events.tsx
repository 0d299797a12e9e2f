import Link from "next/link";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { ChevronRightIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import {
  LOG_STATUSES,
  logFiltersToSearchParams,
  RESPONSE_CLASSES,
  RESPONSE_LABELS,
  type LogFilters,
} from "@/lib/webhooks/log-filters";
import type { AllEventsPage } from "@/lib/webhooks/queries";
import { shortKey } from "./log-api";
import { StatusBadge } from "./status-badge";

const controlClass = cn(inputClass, "h-9 py-1.5");
const label = "mb-1 block text-xs font-medium text-slate-600";

/** The URL of this view with these filters (and a page cursor). */
function viewHref(organizationId: string, filters: LogFilters, endpointId: string | null, cursor?: string): string {
  const params = logFiltersToSearchParams(filters);
  if (endpointId) params.set("endpoint", endpointId);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return dashboardHref(organizationId, `/developers/webhooks/events${query ? `?${query}` : ""}`);
}

/**
 * Every endpoint's webhooks newest first: a plain GET form (the filters are the URL) and pages by cursor link, so it
 * works before any script runs. A row opens the webhook in its endpoint's log.
 */
export function AllEvents({
  organizationId,
  endpoints,
  filters,
  endpointId,
  page,
  error,
  paged,
}: {
  organizationId: string;
  endpoints: { id: string; url: string }[];
  filters: LogFilters;
  endpointId: string | null;
  page: AllEventsPage;
  error: string | null;
  paged: boolean;
}) {
  const day = (iso?: string) => iso?.slice(0, 10) ?? "";
  return (
    <section aria-labelledby="all-events-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="all-events-heading" className="text-base font-semibold text-slate-900">
            All events
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Every webhook sent to every endpoint. Search an event id, object id or unique key to find where it went.
          </p>
        </div>
        <Link
          href={dashboardHref(organizationId, "/developers/webhooks")}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          Endpoints
        </Link>
      </div>
      <div
        id="event-log"
        className="scroll-mt-16 overflow-clip rounded-xl bg-white ring-1 ring-slate-200 focus:outline-none lg:scroll-mt-4"
      >
        <form
          role="search"
          aria-label="Filter all events"
          method="get"
          action={dashboardHref(organizationId, "/developers/webhooks/events")}
          className="flex flex-wrap items-end gap-3 px-4 py-3"
        >
          <div className="min-w-56 flex-1">
            <label htmlFor="all-q" className={label}>
              Search
            </label>
            <input
              id="all-q"
              name="q"
              type="search"
              defaultValue={filters.q ?? ""}
              placeholder="Key, type, object or event id"
              className={controlClass}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="w-56">
            <label htmlFor="all-endpoint" className={label}>
              Endpoint
            </label>
            <select id="all-endpoint" name="endpoint" defaultValue={endpointId ?? ""} className={controlClass}>
              <option value="">Every endpoint</option>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.url}
                </option>
              ))}
            </select>
          </div>
          <div className="w-32">
            <label htmlFor="all-status" className={label}>
              Status
            </label>
            <select id="all-status" name="status" defaultValue={filters.status} className={controlClass}>
              {LOG_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s === "all" ? "Any status" : s[0].toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          </div>
          <div className="w-40">
            <label htmlFor="all-response" className={label}>
              Response
            </label>
            <select id="all-response" name="response" defaultValue={filters.response ?? ""} className={controlClass}>
              <option value="">Any response</option>
              {RESPONSE_CLASSES.map((r) => (
                <option key={r} value={r}>
                  {RESPONSE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="w-38">
            <label htmlFor="all-from" className={label}>
              From (UTC day)
            </label>
            <input id="all-from" name="from" type="date" defaultValue={day(filters.from)} className={controlClass} />
          </div>
          <button
            type="submit"
            className="inline-flex h-9 items-center rounded-lg bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-500"
          >
            Apply
          </button>
        </form>
        {error && (
          <p role="alert" className="border-t border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
            {error}
          </p>
        )}
        <div className="border-t border-slate-200">
          {page.items.length === 0 ? (
            <p className="px-6 py-14 text-center text-sm text-slate-500">No events match.</p>
          ) : (
            // Below 640 px each row stacks: type and time, the endpoint, then status and response.
            <table className="w-full text-left text-sm max-sm:block">
              <thead className="sticky top-0 z-[2] bg-white text-xs text-slate-500 shadow-[0_1px_0_var(--color-slate-200)] max-lg:top-14 max-sm:sr-only">
                <tr>
                  <th scope="col" className="py-2 pr-3 pl-4 font-medium">
                    Webhook type
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Endpoint
                  </th>
                  <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
                    Unique key
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Response
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-2 pr-4 pl-3 text-right font-medium">
                    Time
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 max-sm:block">
                {page.items.map((item) => (
                  <tr
                    key={item.id}
                    className="hover:bg-slate-50 max-sm:grid max-sm:grid-cols-[minmax(0,1fr)_auto] max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-4 max-sm:py-2.5"
                  >
                    <td className="max-w-0 py-2.5 pr-3 pl-4 max-sm:col-start-1 max-sm:row-start-1 max-sm:max-w-none max-sm:p-0">
                      <Link
                        href={dashboardHref(organizationId, `/developers/webhooks/${item.endpointId}?event=${item.id}`)}
                        data-webhook-link={item.id}
                        className="block truncate font-medium text-slate-900 hover:underline"
                      >
                        {item.webhookType}
                      </Link>
                      {item.objectId && (
                        <span className="block truncate font-mono text-xs text-slate-500">{item.objectId}</span>
                      )}
                    </td>
                    <td
                      className="max-w-56 truncate px-3 py-2.5 font-mono text-xs text-slate-600 max-sm:col-span-2 max-sm:row-start-2 max-sm:max-w-none max-sm:p-0"
                      title={item.endpointUrl}
                    >
                      {item.endpointUrl}
                    </td>
                    <td
                      className="hidden px-3 py-2.5 font-mono text-xs whitespace-nowrap text-slate-600 lg:table-cell"
                      title={item.id}
                    >
                      {shortKey(item.id)}
                    </td>
                    <td
                      className={cn(
                        "px-3 py-2.5 font-mono text-xs tabular-nums max-sm:col-start-2 max-sm:row-start-3 max-sm:self-center max-sm:p-0 max-sm:text-right",
                        item.lastHttpStatus !== null && (item.lastHttpStatus < 200 || item.lastHttpStatus >= 300)
                          ? "text-red-700"
                          : "text-slate-700",
                      )}
                    >
                      {item.lastHttpStatus ?? (item.attemptCount > 0 ? "No response" : "—")}
                    </td>
                    <td className="px-3 py-2.5 whitespace-nowrap max-sm:col-start-1 max-sm:row-start-3 max-sm:p-0">
                      <StatusBadge status={item.status} />
                    </td>
                    <td className="py-2.5 pr-4 pl-3 text-right whitespace-nowrap text-slate-600 tabular-nums max-sm:col-start-2 max-sm:row-start-1 max-sm:p-0">
                      <LocalTime value={item.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
          <span data-testid="all-events-count" className="tabular-nums">
            {page.total
              ? `${page.total.count.toLocaleString("en-US")}${page.total.more ? "+" : ""} ${page.total.count === 1 && !page.total.more ? "event" : "events"}`
              : `${page.items.length} shown`}
          </span>
          <span className="flex gap-3">
            {paged && (
              <Link
                href={viewHref(organizationId, filters, endpointId)}
                className="font-medium text-brand-700 hover:underline"
              >
                Newest
              </Link>
            )}
            {page.nextCursor && (
              <Link
                href={viewHref(organizationId, filters, endpointId, page.nextCursor)}
                className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
              >
                Older <ChevronRightIcon className="size-3.5" />
              </Link>
            )}
          </span>
        </div>
      </div>
    </section>
  );
}
