import { describe, expect, it } from "vitest";
import { exactTitle, formatDate, formatDay, formatRelative, formatShort } from "./date-format";

const at = new Date("2026-12-01T14:05:07.000Z");
const now = at.getTime();
const utc = { timeZone: "UTC" };

describe("the app's date format", () => {
  it("writes exact times as the operator's locale does, in their zone", () => {
    expect(formatDate(at, "datetime", { locale: "en-GB", ...utc })).toBe("1 Dec 2026, 14:05:07");
    expect(formatDate(at, "datetime", { locale: "en-US", ...utc })).toBe("Dec 1, 2026, 02:05:07 PM");
    expect(formatDate(at, "time", { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe("15:05:07");
    expect(formatDate(at, "date", { locale: "fr-FR", timeZone: "Pacific/Kiritimati" })).toBe("2 déc. 2026");
    expect(formatDay(at, { locale: "en-GB", ...utc })).toBe("Tuesday, 1 December 2026");
    expect(formatShort(at, "hour", { locale: "en-GB", ...utc })).toBe("14:05");
  });

  it("says how long ago within a day, either way, and the exact time beyond", () => {
    const ago = (ms: number, beyond?: "time" | "datetime") =>
      formatRelative(new Date(now - ms), { now, locale: "en-GB", ...utc, beyond });
    expect(ago(10_000)).toBe("just now");
    expect(ago(-10_000)).toBe("just now");
    expect(ago(3 * 60_000)).toBe("3 min ago");
    expect(ago(-4 * 60_000)).toBe("in 4 min");
    expect(ago(5 * 3_600_000)).toBe("5 hr ago");
    expect(ago(2 * 86_400_000)).toBe("29 Nov 2026, 14:05:07");
    expect(ago(2 * 86_400_000, "time")).toBe("14:05:07");
  });

  it("titles a time with its zone and the UTC instant", () => {
    expect(exactTitle(at, utc)).toBe("2026-12-01 14:05:07 UTC");
    expect(exactTitle(at, { locale: "en-GB", timeZone: "Europe/Paris" })).toBe(
      "1 Dec 2026, 15:05:07 CET (2026-12-01 14:05:07 UTC)",
    );
  });
});
