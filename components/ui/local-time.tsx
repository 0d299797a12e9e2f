"use client";

import { useSyncExternalStore } from "react";
import { exactTitle, formatDate, formatRelative, type DateStyle } from "./date-format";

const never = () => () => undefined;
/** True once hydrated: the server renders UTC (it knows neither the zone nor the locale), the browser its own. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

// One clock for every relative time on the page, ticking every 15 s.
const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribeClock(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), TICK_MS);
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
const tick = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/**
 * A time in the app's one format (date-format.ts), in the reader's locale and zone, with the exact time (and UTC) on
 * hover. `relative`: "3 min ago", the exact time past a day (`beyond`). The server renders UTC so the first paint
 * matches; the browser switches after hydration.
 */
export function LocalTime({
  value,
  format = "datetime",
  beyond,
}: {
  value: Date | string;
  format?: DateStyle;
  beyond?: Exclude<DateStyle, "relative">;
}) {
  const date = typeof value === "string" ? new Date(value) : value;
  const isClient = useIsClient();
  const now = useSyncExternalStore(format === "relative" ? subscribeClock : never, tick, () => 0);
  const options = isClient ? {} : { timeZone: "UTC", locale: "en-GB" };
  let text: string;
  if (!isClient) text = `${formatDate(date, format === "relative" ? (beyond ?? "datetime") : format, options)} UTC`;
  else if (format === "relative") text = formatRelative(date, { now, beyond });
  else text = formatDate(date, format, options);
  return (
    <time dateTime={date.toISOString()} title={exactTitle(date, options)}>
      {text}
    </time>
  );
}
