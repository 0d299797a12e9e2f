"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * A time in the reader's own time zone, with the UTC value on hover. The server renders UTC so the
 * first paint matches; the browser switches to local time after hydration.
 */
export function LocalTime({
  value,
  format = "datetime",
}: {
  value: Date | string;
  format?: "datetime" | "time" | "date";
}) {
  const date = typeof value === "string" ? new Date(value) : value;
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const options: Intl.DateTimeFormatOptions =
    format === "time"
      ? { hour: "2-digit", minute: "2-digit", second: "2-digit" }
      : format === "date"
        ? { year: "numeric", month: "short", day: "numeric" }
        : { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" };
  const text = date.toLocaleString("en-GB", isClient ? options : { ...options, timeZone: "UTC" });
  return (
    <time
      dateTime={date.toISOString()}
      title={`${date
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")}`}
    >
      {text}
      {!isClient && " UTC"}
    </time>
  );
}
