import { z } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import {
  eventTypeNameSchema,
  INSTANT_FORMAT,
  instantSchema,
  LATEST_INSTANT,
  MAX_OBJECT_ID_LENGTH,
  noControlCharacters,
  wellFormedText,
} from "./schemas";

/** The log's status tabs, in the order they are shown. */
export const LOG_STATUSES = ["all", "succeeded", "failed", "retrying", "pending"] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

/** The response filter: the last attempt's HTTP status class, or how it failed without one. */
export const RESPONSE_CLASSES = ["2xx", "3xx", "4xx", "5xx", "timeout", "network"] as const;
export const RESPONSE_LABELS: Record<(typeof RESPONSE_CLASSES)[number], string> = {
  "2xx": "2xx success",
  "3xx": "3xx redirect",
  "4xx": "4xx client error",
  "5xx": "5xx server error",
  timeout: "Timed out",
  network: "Network error",
};

/** Search params arrive as a string, a repeated key (array) or nothing; blank means nothing. */
function single(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() === "" ? undefined : first;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const DAY_OR_INSTANT = "must be a day (2026-11-26) or an ISO 8601 date and time (2026-11-26T09:00:00Z)";

/**
 * A bound of the date range as an ISO instant, through the one instant schema. The dashboard writes instants (the
 * reader's local midnight); a bare `YYYY-MM-DD` is read as that UTC day: its start for `from`, the next day's
 * start for `to` (exclusive).
 */
function instant(end: "from" | "to") {
  return z.preprocess(
    single,
    z
      .string()
      .trim()
      .transform((value, context) => {
        const day = DAY.test(value);
        if (day && !z.iso.date().safeParse(value).success) {
          context.addIssue({ code: "custom", message: "must be a real day, e.g. 2026-11-26" });
          return z.NEVER;
        }
        const parsed = instantSchema.safeParse(day ? `${value}T00:00:00Z` : value);
        if (!parsed.success) {
          const message = parsed.error.issues[0]?.message;
          context.addIssue({
            code: "custom",
            message: message === INSTANT_FORMAT ? DAY_OR_INSTANT : (message ?? DAY_OR_INSTANT),
          });
          return z.NEVER;
        }
        if (!day || end === "from") return parsed.data.toISOString();
        // The day after 9999-12-31 is past what the instant schema holds: end at its last millisecond instead.
        return new Date(Math.min(parsed.data.getTime() + DAY_MS, LATEST_INSTANT.getTime())).toISOString();
      })
      .optional(),
  );
}

/**
 * The log's filters, parsed from URL search params by the page, the JSON route and the query alike. A value that
 * cannot be right is an error the reader sees (a 422 from the JSON route), never a query the database refuses.
 * `to` is exclusive.
 */
export const logFiltersSchema = z.object({
  status: z
    .preprocess(single, z.enum(LOG_STATUSES, { error: `must be one of ${LOG_STATUSES.join(", ")}` }).optional())
    .transform((status) => status ?? "all"),
  type: z.preprocess(
    (value) => (typeof single(value) === "string" ? String(single(value)).trim().toLowerCase() : single(value)),
    eventTypeNameSchema.optional(),
  ),
  response: z.preprocess(
    single,
    z.enum(RESPONSE_CLASSES, { error: `must be one of ${RESPONSE_CLASSES.join(", ")}` }).optional(),
  ),
  from: instant("from"),
  to: instant("to"),
  q: z.preprocess(
    single,
    z
      .string()
      .trim()
      .max(MAX_OBJECT_ID_LENGTH, `must be at most ${MAX_OBJECT_ID_LENGTH} characters`)
      .refine(...noControlCharacters("The search"))
      .refine(...wellFormedText("The search"))
      .optional(),
  ),
});

export type LogFilters = z.output<typeof logFiltersSchema>;
type LogFilterField = keyof LogFilters;

export const EMPTY_LOG_FILTERS: LogFilters = { status: "all" };

const FIELD_LABELS: Record<LogFilterField, string> = {
  status: "Status",
  type: "Webhook type",
  response: "Response",
  from: "From date",
  to: "To date",
  q: "Search",
};

type FiltersInput = URLSearchParams | Record<string, string | string[] | undefined> | Partial<LogFilters>;

/**
 * Reads filters from `URLSearchParams` or Next's `searchParams` object: the valid ones, and one sentence for the
 * first that is not (null when all are), so a page can show the filters it understood and say what is wrong.
 */
export function readLogFilters(input: FiltersInput): { filters: LogFilters; error: string | null } {
  const record: Record<string, unknown> =
    input instanceof URLSearchParams ? Object.fromEntries(input.entries()) : input;
  const filters: Record<string, unknown> = {};
  let error: string | null = null;
  for (const field of Object.keys(logFiltersSchema.shape) as LogFilterField[]) {
    const result = logFiltersSchema.shape[field].safeParse(record[field]);
    if (result.success) {
      if (result.data !== undefined) filters[field] = result.data;
      continue;
    }
    const message = result.error.issues[0]?.message ?? "is not valid";
    error ??= /^[a-z]/.test(message) ? `${FIELD_LABELS[field]} ${message}.` : message;
  }
  // An inverted range matches nothing: say so rather than show an empty log.
  if (typeof filters.from === "string" && typeof filters.to === "string" && filters.from >= filters.to) {
    error ??= "The From date is after the To date: swap them to see events.";
    delete filters.to;
  }
  return { filters: { ...EMPTY_LOG_FILTERS, ...filters } as LogFilters, error };
}

/** The filters, or an InvalidInput AppError (a 422 from the JSON routes) naming the first that is wrong. */
export function parseLogFilters(input: FiltersInput): LogFilters {
  const { filters, error } = readLogFilters(input);
  if (error) throw new AppError(AppErrorCode.InvalidInput, error);
  return filters;
}

/** What the type filter's search box may hold: part of a type name, matched server-side. */
export const typeSearchSchema = z.preprocess(
  (value) => (typeof single(value) === "string" ? String(single(value)).trim().toLowerCase() : ""),
  z
    .string()
    .max(100, "A webhook type is at most 100 characters.")
    .regex(/^[a-z0-9_.]*$/, 'A webhook type is lower case letters, digits, "_" and ".".'),
);

/** The filters as search params, defaults left out so URLs stay short. */
export function logFiltersToSearchParams(filters: Partial<LogFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== "all") params.set("status", filters.status);
  if (filters.type) params.set("type", filters.type);
  if (filters.response) params.set("response", filters.response);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.q) params.set("q", filters.q);
  return params;
}

export function hasActiveFilters(filters: LogFilters): boolean {
  return (
    filters.status !== "all" || Boolean(filters.type || filters.response || filters.from || filters.to || filters.q)
  );
}

export function sameLogFilters(a: LogFilters, b: LogFilters): boolean {
  return logFiltersToSearchParams(a).toString() === logFiltersToSearchParams(b).toString();
}
