/**
 * The app's one date format: every time the dashboard shows goes through here, in the operator's locale and time
 * zone (the browser's; `timeZone: "UTC"` while rendering on the server). Lists say how long ago ("3 min ago") with
 * the exact time in the title; details show the exact time.
 */

export type DateStyle = "datetime" | "time" | "date" | "relative";
export type FormatOptions = { locale?: string; timeZone?: string; now?: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Intl formatters are costly to build and a log renders hundreds of times: one per locale, zone and style.
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function dateTimeFormat(options: Intl.DateTimeFormatOptions, { locale, timeZone }: FormatOptions) {
  const key = `d|${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return format;
}
function relativeFormat(locale: string | undefined) {
  const key = `r|${locale}`;
  let format = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" })));
  return format;
}

const STYLES: Record<Exclude<DateStyle, "relative">, Intl.DateTimeFormatOptions> = {
  datetime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  time: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
  date: { year: "numeric", month: "short", day: "numeric" },
};

/** "Dec 1, 2026, 02:05:07 PM", "14:05:07", "1 Dec 2026": as the locale writes them. */
export function formatDate(date: Date, style: Exclude<DateStyle, "relative">, options: FormatOptions = {}): string {
  return dateTimeFormat(STYLES[style], options).format(date);
}

/** A chart's axis or a short mention: "14:00", "1 Dec", "1 Dec, 14:00", "Tue 1 Dec". */
export function formatShort(
  date: Date,
  parts: "hour" | "day" | "day-hour" | "weekday-day",
  options: FormatOptions = {},
): string {
  const styles: Record<typeof parts, Intl.DateTimeFormatOptions> = {
    hour: { hour: "2-digit", minute: "2-digit" },
    day: { day: "numeric", month: "short" },
    "day-hour": { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
    "weekday-day": { weekday: "short", day: "numeric", month: "short" },
  };
  return dateTimeFormat(styles[parts], options).format(date);
}

/** "Monday, 1 December 2026": a log's day heading. */
export function formatDay(date: Date, options: FormatOptions = {}): string {
  return dateTimeFormat({ weekday: "long", day: "numeric", month: "long", year: "numeric" }, options).format(date);
}

/**
 * "just now", "3 min ago", "5 hr ago", "in 4 min"; past a day (either way) the exact time instead, written as
 * `beyond` says ("datetime" in lists without day headings, "time" under them).
 */
export function formatRelative(
  date: Date,
  options: FormatOptions & { beyond?: Exclude<DateStyle, "relative"> } = {},
): string {
  const diff = date.getTime() - (options.now ?? Date.now());
  const size = Math.abs(diff);
  // The clock ticks every 15 s: a time a few seconds "ahead" of it is just now too.
  if (size < 45_000) return "just now";
  if (size < HOUR) return relativeFormat(options.locale).format(Math.round(diff / MINUTE), "minute");
  if (size < DAY) return relativeFormat(options.locale).format(Math.round(diff / HOUR), "hour");
  return formatDate(date, options.beyond ?? "datetime", options);
}

/** The title of a time: exact, with its zone ("Dec 1, 2026, 14:05:07 GMT+1"), and the UTC instant. */
export function exactTitle(date: Date, options: FormatOptions = {}): string {
  const local = dateTimeFormat({ ...STYLES.datetime, timeZoneName: "short" }, options).format(date);
  const utc = date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
  return options.timeZone === "UTC" ? utc : `${local} (${utc})`;
}
