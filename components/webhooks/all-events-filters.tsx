"use client";

import { useRouter } from "next/navigation";
import { useOrganization } from "@/components/layout/organization";
import { toolbarControlClass } from "@/components/ui/field";
import { LOG_STATUSES, RESPONSE_CLASSES, RESPONSE_LABELS, type LogFilters } from "@/lib/webhooks/log-filters";
import { fromLocalDay, toLocalDay } from "./local-day";

const label = "mb-1 block text-xs font-medium text-slate-600";

/**
 * All events' filters: the endpoint log's (search, status, response, type, From and To) plus the endpoint. A plain
 * GET form, so it works before any script runs (days then read as UTC days); with scripts the days are the reader's
 * own, as in the endpoint log, sent as instants.
 */
export function AllEventsFilters({
  endpoints,
  filters,
  endpointId,
}: {
  endpoints: { id: string; url: string }[];
  filters: LogFilters;
  endpointId: string | null;
}) {
  const router = useRouter();
  const organization = useOrganization();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const name of ["q", "endpoint", "status", "response", "type"]) {
      const value = String(form.get(name) ?? "").trim();
      if (value && !(name === "status" && value === "all")) params.set(name, value);
    }
    const from = fromLocalDay(String(form.get("from") ?? ""));
    const to = fromLocalDay(String(form.get("to") ?? ""), 1);
    if (from) params.set("from", from);
    if (to) params.set("to", to);
    const query = params.toString();
    router.push(`${organization.href("/developers/webhooks/events")}${query ? `?${query}` : ""}`);
  }
  return (
    <form
      role="search"
      aria-label="Filter all events"
      method="get"
      action={organization.href("/developers/webhooks/events")}
      onSubmit={onSubmit}
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
          className={toolbarControlClass}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="w-56 max-sm:w-full">
        <label htmlFor="all-endpoint" className={label}>
          Endpoint
        </label>
        <select id="all-endpoint" name="endpoint" defaultValue={endpointId ?? ""} className={toolbarControlClass}>
          <option value="">Every endpoint</option>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.url}
            </option>
          ))}
        </select>
      </div>
      <div className="w-48">
        <label htmlFor="all-status" className={label}>
          Status
        </label>
        <select id="all-status" name="status" defaultValue={filters.status} className={toolbarControlClass}>
          {LOG_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === "all" ? "Any status" : s === "failed" ? "Failed (or retrying)" : s[0].toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="w-40">
        <label htmlFor="all-response" className={label}>
          Response
        </label>
        <select id="all-response" name="response" defaultValue={filters.response ?? ""} className={toolbarControlClass}>
          <option value="">Any response</option>
          {RESPONSE_CLASSES.map((r) => (
            <option key={r} value={r}>
              {RESPONSE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-44">
        <label htmlFor="all-type" className={label}>
          Webhook type
        </label>
        <input
          id="all-type"
          name="type"
          defaultValue={filters.type ?? ""}
          placeholder="invoice.created"
          className={toolbarControlClass}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="w-38">
        <label htmlFor="all-from" className={label}>
          From
        </label>
        <input
          id="all-from"
          name="from"
          type="date"
          defaultValue={toLocalDay(filters.from)}
          className={toolbarControlClass}
        />
      </div>
      <div className="w-38">
        <label htmlFor="all-to" className={label}>
          To
        </label>
        <input
          id="all-to"
          name="to"
          type="date"
          defaultValue={toLocalDay(filters.to, -1)}
          className={toolbarControlClass}
        />
      </div>
      <button
        type="submit"
        className="inline-flex h-9 items-center rounded-lg bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-500"
      >
        Apply
      </button>
    </form>
  );
}
