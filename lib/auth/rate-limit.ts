/**
 * Failed sign-ins per key (email and client address) in a sliding window. Kept in memory: each instance
 * limits on its own, which still bounds guessing to (instances × limit) per window.
 */
export class FailureLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    readonly limit = Number(process.env.HOOKLINE_LOGIN_MAX_FAILURES ?? 5),
    readonly windowMs = Number(process.env.HOOKLINE_LOGIN_WINDOW_MS ?? 15 * 60_000),
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? recent[0] + this.windowMs - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

const globalForLimiter = globalThis as unknown as { hooklineLoginLimiter?: FailureLimiter; hooklineAddressLimiter?: FailureLimiter };
/** Per email: slows guessing one account's password. */
export const loginLimiter = (globalForLimiter.hooklineLoginLimiter ??= new FailureLimiter());
/** Per client address, four times looser: slows spraying many accounts without locking out a shared office address. */
export const addressLimiter = (globalForLimiter.hooklineAddressLimiter ??= new FailureLimiter(loginLimiter.limit * 4, loginLimiter.windowMs));
