/**
 * When a failed webhook is tried again. Default: the schedule of the best dedicated services (Svix), so a receiver
 * that is down for an afternoon still gets its webhooks. HOOKLINE_RETRY_SCHEDULE replaces the waits;
 * HOOKLINE_RETRY_POLICY=lago selects Lago's own policy.
 */
import { config, type RetryConfig } from "../config";

export type RetryPolicy = {
  name: string;
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Wait after attempt `attempt` (1-based) failed; `random` is in [0, 1). */
  delayMs(attempt: number, random: () => number): number;
};

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const HOUR = UNIT_MS.h;

/** Svix's waits between attempts: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all). */
export const DEFAULT_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
/** Spread of each wait, so receivers coming back up are not hit by every retry at once. */
export const JITTER = 0.2;
/** The longest a Retry-After answer can push the next attempt. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** A policy from a list of waits (one per retry), each varied by ±20%. */
export function schedulePolicy(waitsMs: number[], name = "schedule"): RetryPolicy {
  return {
    name,
    maxAttempts: waitsMs.length + 1,
    delayMs: (attempt, random) => {
      const base = waitsMs[Math.min(Math.max(attempt, 1), waitsMs.length) - 1] ?? 0;
      return Math.round(base * (1 + JITTER * (2 * random() - 1)));
    },
  };
}

/**
 * Lago's policy (lago-api Webhooks::SendHttpService): LAGO_WEBHOOK_ATTEMPTS (3) attempts in all, the wait after
 * the n-th failure being `n^4 + rand * 0.15 * n^4 + 2` seconds (about 3 s, then 20 s).
 */
export const LAGO_POLICY: RetryPolicy = {
  name: "lago",
  maxAttempts: 3,
  delayMs: (attempt, random) => Math.round((attempt ** 4 + random() * 0.15 * attempt ** 4 + 2) * 1000),
};

/** "5s,5m,30m,2h" -> milliseconds; throws on anything else, so a typo is not a silent default. */
export function parseSchedule(text: string): number[] {
  const waits = text.split(",").map((part) => {
    const match = part.trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/);
    if (!match) throw new Error(`HOOKLINE_RETRY_SCHEDULE: "${part.trim()}" is not a duration like 30s, 5m, 2h`);
    return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  });
  return waits;
}

let cache: { settings: RetryConfig; policy: RetryPolicy } | null = null;

/** The policy the configuration asks for: HOOKLINE_RETRY_POLICY=lago, else the schedule (HOOKLINE_RETRY_SCHEDULE or the default). */
export function currentPolicy(): RetryPolicy {
  const settings = config().delivery.retry;
  if (cache?.settings === settings) return cache.policy;
  const policy =
    settings.policy === "lago"
      ? LAGO_POLICY
      : schedulePolicy([...settings.scheduleMs], settings.customSchedule ? "custom" : "default");
  cache = { settings, policy };
  return policy;
}

/** Attempts in all (first included) before a webhook is failed. */
export function maxAttempts(): number {
  return currentPolicy().maxAttempts;
}

/**
 * How long to wait after attempt `attemptNumber` (1-based) failed. A Retry-After from the receiver wins when it
 * asks for longer, up to 24 h.
 */
export function retryDelayMs(
  attemptNumber: number,
  opts: { retryAfterMs?: number | null; policy?: RetryPolicy; random?: () => number } = {},
): number {
  const policy = opts.policy ?? currentPolicy();
  const scheduled = policy.delayMs(attemptNumber, opts.random ?? Math.random);
  const asked = opts.retryAfterMs == null ? 0 : Math.min(Math.max(opts.retryAfterMs, 0), MAX_RETRY_AFTER_MS);
  return Math.max(scheduled, asked);
}
