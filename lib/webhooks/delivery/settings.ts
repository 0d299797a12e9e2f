import { config } from "@/lib/config";
import { maxAttempts } from "../retry-policy";

/** Deliveries in flight per worker unless HOOKLINE_WORKER_CONCURRENCY says otherwise (lib/config.ts's default). */
export const DEFAULT_CONCURRENCY = 100;

/** The delivery engine's settings (lib/config.ts), taken when a worker or a pass starts. */
export function workerSettings() {
  const { concurrency, endpointConcurrency, intervalMs, leaseMs } = config().worker;
  // The policy is built now so that a malformed retry setting stops the worker at once rather than each recording.
  return { maxAttempts: maxAttempts(), concurrency, endpointConcurrency, intervalMs, leaseMs };
}

export type WorkerSettings = ReturnType<typeof workerSettings>;

/** Days webhooks and events are kept (HOOKLINE_RETENTION_DAYS). */
export function retentionDays(): number {
  return config().worker.retentionDays;
}

/** Whether this process runs the in-process delivery loop (HOOKLINE_WORKER). */
export function workerEnabled(): boolean {
  return config().worker.enabled;
}
