import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_SCHEDULE_MS,
  LAGO_POLICY,
  MAX_RETRY_AFTER_MS,
  maxAttempts,
  parseSchedule,
  retryDelayMs,
} from "./retry-policy";

const saved = { schedule: process.env.HOOKLINE_RETRY_SCHEDULE, policy: process.env.HOOKLINE_RETRY_POLICY };
afterEach(() => {
  for (const [key, value] of [
    ["HOOKLINE_RETRY_SCHEDULE", saved.schedule],
    ["HOOKLINE_RETRY_POLICY", saved.policy],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
const fixed = (value: number) => () => value;

describe("retry policy", () => {
  it("defaults to Svix's schedule: 8 attempts, waits 5 s … 10 h", () => {
    delete process.env.HOOKLINE_RETRY_SCHEDULE;
    delete process.env.HOOKLINE_RETRY_POLICY;
    expect(maxAttempts()).toBe(8);
    const waits = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, { random: fixed(0.5) }));
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(DEFAULT_SCHEDULE_MS).toHaveLength(7);
  });

  it("varies each wait by at most ±20%", () => {
    delete process.env.HOOKLINE_RETRY_SCHEDULE;
    expect(retryDelayMs(2, { random: fixed(0) })).toBe(240_000);
    expect(retryDelayMs(2, { random: fixed(0.999999) })).toBeCloseTo(360_000, -1);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(1)));
    expect(spread.size).toBeGreaterThan(10);
    for (const wait of spread) expect(wait >= 4_000 && wait <= 6_000).toBe(true);
  });

  it("reads HOOKLINE_RETRY_SCHEDULE", () => {
    process.env.HOOKLINE_RETRY_SCHEDULE = "10ms, 2s,1m,1.5h,1d";
    expect(maxAttempts()).toBe(6);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, { random: fixed(0.5) }))).toEqual([
      10, 2_000, 60_000, 5_400_000, 86_400_000,
    ]);
    expect(parseSchedule("5s,5m,30m,2h")).toEqual([5_000, 300_000, 1_800_000, 7_200_000]);
    expect(() => parseSchedule("5s,soon")).toThrow(/"soon" is not a duration/);
  });

  it("offers Lago's policy: 3 attempts, n^4 + up to 15% + 2 s", () => {
    process.env.HOOKLINE_RETRY_POLICY = "lago";
    expect(maxAttempts()).toBe(3);
    expect(retryDelayMs(1, { random: fixed(0) })).toBe(3_000);
    expect(retryDelayMs(2, { random: fixed(0) })).toBe(18_000);
    expect(retryDelayMs(2, { random: fixed(1) })).toBe(20_400);
    expect(LAGO_POLICY.delayMs(3, fixed(0.5))).toBe(Math.round((81 + 0.5 * 0.15 * 81 + 2) * 1000));
    process.env.HOOKLINE_RETRY_POLICY = "sometimes";
    expect(() => maxAttempts()).toThrow(/HOOKLINE_RETRY_POLICY/);
  });

  it("honours Retry-After when it asks for longer, capped at 24 h", () => {
    process.env.HOOKLINE_RETRY_SCHEDULE = "10ms,10ms";
    expect(retryDelayMs(1, { retryAfterMs: 120_000, random: fixed(0.5) })).toBe(120_000);
    expect(retryDelayMs(1, { retryAfterMs: 1, random: fixed(0.5) })).toBe(10);
    expect(retryDelayMs(1, { retryAfterMs: 10 * MAX_RETRY_AFTER_MS, random: fixed(0.5) })).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(1, { retryAfterMs: null, random: fixed(0.5) })).toBe(10);
  });
});
