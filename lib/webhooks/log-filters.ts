import { z } from "zod";
import { eventTypeNameSchema } from "./schemas";

/** The log's status tabs, in the order they are shown. */
export const LOG_STATUSES = ["all", "succeeded", "failed", "retrying", "pending"] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

/** Search params arrive as a string, a repeated key (array) or nothing; blank means nothing. */
function single(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() === "" ? undefined : first;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bound of the date range as an ISO instant. The dashboard writes instants (the reader's local midnight);
 * a bare `YYYY-MM-DD` typed into a URL is read as that UTC day: its start for `from`, the next day's start for `to`.
 */
function instant(end: "from" | "to") {
  return z.preprocess(
    single,
    z
      .string()
      .trim()
      .max(40)
      .refine((value) => (DAY.test(value) ? z.iso.date().safeParse(value).success : !Number.isNaN(Date.parse(value))))
      .transform((value) => {
        if (!DAY.test(value)) return new Date(value).toISOString();
        const start = new Date(`${value}T00:00:00.000Z`);
        if (end === "to") start.setUTCDate(start.getUTCDate() + 1);
        return start.toISOString();
      })
      .optional(),
  );
}

/**
 * The log's filters, parsed from URL search params by the page, the JSON route and the query alike.
 * Lenient on purpose: a hand-edited or stale link falls back to "no filter" rather than an error page.
 * `to` is exclusive.
 */
export const logFiltersSchema = z.object({
  status: z.preprocess(single, z.enum(LOG_STATUSES).optional()).catch(undefined).transform((status) => status ?? "all"),
  type: z.preprocess((value) => (typeof single(value) === "string" ? String(single(value)).trim().toLowerCase() : undefined), eventTypeNameSchema.optional()).catch(undefined),
  from: instant("from").catch(undefined),
  to: instant("to").catch(undefined),
  q: z.preprocess(single, z.string().trim().max(200).optional()).catch(undefined),
});

export type LogFilters = z.output<typeof logFiltersSchema>;

export const EMPTY_LOG_FILTERS: LogFilters = { status: "all" };

/** Reads filters from `URLSearchParams` or Next's `searchParams` object. */
export function parseLogFilters(input: URLSearchParams | Record<string, string | string[] | undefined> | Partial<LogFilters>): LogFilters {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input.entries()) : input;
  return logFiltersSchema.parse(record);
}

/** The filters as search params, defaults left out so URLs stay short. */
export function logFiltersToSearchParams(filters: Partial<LogFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== "all") params.set("status", filters.status);
  if (filters.type) params.set("type", filters.type);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.q) params.set("q", filters.q);
  return params;
}

export function hasActiveFilters(filters: LogFilters): boolean {
  return filters.status !== "all" || Boolean(filters.type || filters.from || filters.to || filters.q);
}

export function sameLogFilters(a: LogFilters, b: LogFilters): boolean {
  return logFiltersToSearchParams(a).toString() === logFiltersToSearchParams(b).toString();
}
