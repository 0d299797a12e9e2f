import { describe, expect, it } from "vitest";
import { formatRate } from "./health-api";

describe("formatRate", () => {
  it("shows one decimal everywhere, rounded to nearest", () => {
    expect([0, 3 / 7, 0.5, 1].map(formatRate)).toEqual(["0.0%", "42.9%", "50.0%", "100.0%"]);
    expect(formatRate(null)).toBe("–");
  });

  it("never shows 100.0% while anything failed, nor 0.0% once anything succeeded", () => {
    expect(formatRate(9_999 / 10_000)).toBe("99.9%");
    expect(formatRate(1 / 10_000)).toBe("0.1%");
  });
});
