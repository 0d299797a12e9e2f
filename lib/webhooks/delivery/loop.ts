import { randomBytes } from "node:crypto";
import os from "node:os";
import { getWorkerDb, type Db } from "@/lib/db/client";
import { logger } from "@/lib/observability/logger";
import { countClaim, setWorkerSlotsCollector } from "@/lib/observability/metrics";
import { traceClaim } from "@/lib/observability/tracing";
import { sweepFailingEndpoints } from "../auto-disable";
import { purgeWhenDue } from "../retention";
import { claimDue } from "./claim";
import { deliverOne, loadContext } from "./deliver";
import { Recorder, shortMessage, type PassStats } from "./record";
import { workerEnabled, workerSettings, type WorkerSettings } from "./settings";
import { wakeRemoteWorker, workerRunsApart } from "./wake";

/**
 * What drives the phases: `pump` claims due webhooks, delivers them with bounded concurrency and records them, until
 * nothing is due or its deadline. The in-process loop (one per process, woken after an emit), and the cron route's
 * `runDeliveryPass`, run it.
 */

const CLAIM_GAP_MS = 3;

/**
 * A wake-up that is not lost when it comes while nobody waits. A poke announces new work (an emit, a retry) or,
 * with `work = false`, only a freed slot; `wait` says whether work was announced or the wait timed out.
 */
class Signal {
  private resolve: (() => void) | null = null;
  private poked = false;
  private work = false;

  poke(work = true): void {
    if (work) this.work = true;
    if (this.resolve) this.resolve();
    else this.poked = true;
  }

  async wait(ms: number): Promise<boolean> {
    let timedOut = false;
    if (this.poked) this.poked = false;
    else {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timedOut = true;
          done();
        }, ms);
        // done() is handed out as this.resolve (a wake-up ends the wait), so it cannot be an arrow defined later.
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        const self = this;
        function done() {
          clearTimeout(timer);
          self.resolve = null;
          resolve();
        }
        this.resolve = done;
      });
    }
    const work = this.work || timedOut;
    this.work = false;
    return work;
  }
}

let inFlightCount = 0;

/** Runs one delivery outside a pass (an operator's Retry now), counted among this process's deliveries in flight. */
export async function countInFlight<T>(delivery: () => Promise<T>): Promise<T> {
  inFlightCount += 1;
  try {
    return await delivery();
  } finally {
    inFlightCount -= 1;
  }
}

/**
 * Claims and delivers until nothing is due (or `idle` says to keep waiting), the deadline passes, or `shouldStop`.
 * Claims only when a quarter of the slots are free, so the database sees batches, not one query per delivery.
 */
async function pump(opts: {
  db: Db;
  workerId: string;
  concurrency: number;
  endpointConcurrency: number | null;
  leaseMs: number;
  deadline: number;
  signal: Signal;
  idle?: () => Promise<void>;
  shouldStop?: () => boolean;
  onClaim?: () => void;
}): Promise<PassStats> {
  const stats: PassStats = { claimed: 0, succeeded: 0, failed: 0, retrying: 0 };
  const recorder = new Recorder(opts.db, opts.workerId, stats);
  const inFlight = new Set<Promise<void>>();
  // Deliveries in flight per endpoint: the claim gives an endpoint at most its cap at a time.
  const busy = new Map<string, number>();
  const capNow = () => opts.endpointConcurrency ?? Math.max(1, Math.floor(opts.concurrency / (busy.size + 1)));
  const refillAt = Math.max(1, Math.floor(opts.concurrency / 4));
  // A claim that found less than it asked for has drained the queue: the next one waits for new work (or the
  // one-second tick), and comes at least CLAIM_GAP_MS after it, so a stream of emits is claimed in batches.
  let drained = false;
  let lastClaimAt = 0;
  try {
    while (!opts.shouldStop?.() && Date.now() < opts.deadline) {
      const free = opts.concurrency - inFlight.size;
      if (free >= refillAt && (!drained || inFlight.size === 0)) {
        const gap = lastClaimAt + CLAIM_GAP_MS - Date.now();
        if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
        lastClaimAt = Date.now();
        const cap = capNow();
        // With an endpoint at its cap, a short batch says nothing about the queue: its webhooks may be waiting.
        const capped = [...busy.values()].some((n) => n >= cap);
        const claimStart = performance.now();
        const jobs = await traceClaim(opts.workerId, () =>
          claimDue(free, opts.workerId, opts.leaseMs, opts.db, { cap, busy }),
        );
        countClaim((performance.now() - claimStart) / 1000, jobs.length);
        drained = jobs.length < free && !capped;
        opts.onClaim?.();
        stats.claimed += jobs.length;
        if (jobs.length) {
          const context = await loadContext(opts.db, jobs);
          for (const job of jobs) {
            inFlightCount += 1;
            busy.set(job.endpointId, (busy.get(job.endpointId) ?? 0) + 1);
            const delivery: Promise<void> = deliverOne(job, context)
              .then((outcome) => recorder.add(outcome))
              .finally(() => {
                inFlightCount -= 1;
                const before = busy.get(job.endpointId) ?? 1;
                // A slot freed on an endpoint at its cap may unblock its queued webhooks: that counts as new work.
                const wasCapped = before >= capNow();
                if (before > 1) busy.set(job.endpointId, before - 1);
                else busy.delete(job.endpointId);
                inFlight.delete(delivery);
                opts.signal.poke(wasCapped);
              });
            inFlight.add(delivery);
          }
          continue;
        }
        if (inFlight.size === 0) {
          if (capped) continue;
          if (!opts.idle) break;
          await recorder.flush();
          await opts.idle();
          drained = false;
          continue;
        }
      }
      // Wait for a free slot, or a wake-up announcing new work.
      if (await opts.signal.wait(1_000)) drained = false;
    }
  } finally {
    await Promise.all(inFlight);
    await recorder.flush();
  }
  return stats;
}

/** A worker's name in leases: host, process and a random suffix. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Works through due webhooks for about `budgetMs` (deliveries started in time are finished), for the cron route. */
export async function runDeliveryPass(args: {
  budgetMs: number;
  workerId?: string;
  db?: Db;
  concurrency?: number;
}): Promise<PassStats> {
  const { concurrency, endpointConcurrency, leaseMs } = workerSettings();
  return pump({
    db: args.db ?? getWorkerDb(),
    workerId: args.workerId ?? newWorkerId(),
    concurrency: args.concurrency ?? concurrency,
    endpointConcurrency,
    leaseMs,
    deadline: Date.now() + args.budgetMs,
    signal: new Signal(),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The in-process loop: one per process.

type LoopState = {
  workerId: string;
  signal: Signal;
  stopping: boolean;
  done: Promise<void>;
  lastPassAt: Date | null;
  lastError: string | null;
};
const globalForWorker = globalThis as unknown as { hooklineWorker?: LoopState };

async function maybePurge(state: LoopState): Promise<void> {
  try {
    await purgeWhenDue();
  } catch (error) {
    state.lastError = `Purge failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function runLoop(
  state: LoopState,
  { concurrency, endpointConcurrency, leaseMs, intervalMs }: WorkerSettings,
): Promise<void> {
  let failures = 0;
  while (!state.stopping) {
    try {
      await pump({
        db: getWorkerDb(),
        workerId: state.workerId,
        concurrency,
        endpointConcurrency,
        leaseMs,
        deadline: Number.POSITIVE_INFINITY,
        signal: state.signal,
        shouldStop: () => state.stopping,
        onClaim: () => {
          failures = 0;
          state.lastPassAt = new Date();
          // Auto-disable hook (auto-disable.ts): the sustained-failure sweep, at most once a minute, never throws.
          void sweepFailingEndpoints();
        },
        idle: async () => {
          state.lastError = null;
          await maybePurge(state);
          await state.signal.wait(intervalMs);
        },
      });
    } catch (error) {
      failures += 1;
      state.lastError = error instanceof Error ? error.message : String(error);
      // An outage must not flood the log: the first failure with its stack, then one line each, backing off to 5 s.
      if (failures === 1) logger().error({ err: error }, "delivery worker pass failed; trying again");
      else logger().error({ failures, error: shortMessage(error) }, "delivery worker pass failed again; trying again");
      if (!state.stopping) await state.signal.wait(Math.min(intervalMs * 2 ** Math.min(failures - 1, 6), 5_000));
    }
  }
}

/**
 * Starts this process's delivery loop (once; a no-op when HOOKLINE_WORKER=off or already running). Throws at once
 * on a malformed setting (HOOKLINE_RETRY_SCHEDULE, say), so the server does not start without its worker.
 */
export function startWorker(): void {
  if (!workerEnabled() || globalForWorker.hooklineWorker) return;
  const settings = workerSettings();
  const state: LoopState = {
    workerId: newWorkerId(),
    signal: new Signal(),
    stopping: false,
    done: Promise.resolve(),
    lastPassAt: null,
    lastError: null,
  };
  globalForWorker.hooklineWorker = state;
  // Read at each scrape (from whichever bundle serves /metrics): this module's count of deliveries in flight.
  setWorkerSlotsCollector(() => ({ inUse: inFlightCount, capacity: settings.concurrency }));
  state.done = runLoop(state, settings);
}

/** Stops the loop after the deliveries in flight are finished and recorded. */
export async function stopWorker(): Promise<void> {
  const state = globalForWorker.hooklineWorker;
  if (!state) return;
  state.stopping = true;
  state.signal.poke();
  await state.done;
  globalForWorker.hooklineWorker = undefined;
}

/**
 * Runs the loop now rather than at its next tick (after an emit or a retry). Concurrent wakes coalesce. A worker
 * in its own process (`npm start`) is woken through wake.ts's channel.
 */
export function wakeWorker(): void {
  const state = globalForWorker.hooklineWorker;
  if (state) state.signal.poke();
  else if (workerRunsApart()) wakeRemoteWorker();
}

export function workerStatus(): {
  enabled: boolean;
  running: boolean;
  workerId: string | null;
  lastPassAt: string | null;
  lastError: string | null;
  inFlight: number;
} {
  const state = globalForWorker.hooklineWorker;
  return {
    enabled: workerEnabled(),
    running: Boolean(state && !state.stopping),
    workerId: state?.workerId ?? null,
    lastPassAt: state?.lastPassAt?.toISOString() ?? null,
    lastError: state?.lastError ?? null,
    inFlight: inFlightCount,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Operator actions and housekeeping.
