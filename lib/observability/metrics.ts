import type pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { LAGO_WEBHOOK_TYPES } from "@/lib/webhooks/event-types";

/**
 * Prometheus metrics (prom-client): one registry per process, kept on globalThis because Next bundles route
 * handlers and instrumentation (where the worker runs) separately. Counters and histograms are this process's;
 * the queue and endpoint gauges are read from the database at each scrape (`collectors`), so every instance tells
 * the same truth about the shared queue. Label values are bounded: webhook types outside Lago's catalogue count as
 * "other", organizations beyond the first ORGANIZATION_LABELS seen by the process as "other".
 */

/** The most organizations a process labels by id; the rest share "other" (bounded cardinality). */
export const ORGANIZATION_LABELS = 50;

const KNOWN_TYPES = new Set<string>(LAGO_WEBHOOK_TYPES);

export type DeliveryOutcome = "succeeded" | "retrying" | "failed" | "not_sent";

/** What the database gauges read, at scrape time. Set by `setDatabaseCollector` (lib/observability/collect.ts). */
export type DatabaseSnapshot = {
  queue: { due: number; scheduled: number; leased: number; oldestDueAgeSeconds: number };
  endpoints: { enabled: number; disabled: number; autoDisabled: number };
};

type Metrics = {
  registry: Registry;
  eventsAccepted: Counter<"type">;
  organizationEvents: Counter<"organization">;
  deliveries: Counter<"outcome" | "http_class">;
  deliveryDuration: Histogram;
  claims: Counter;
  claimedWebhooks: Counter;
  claimDuration: Histogram;
  signInFailures: Counter<"reason">;
  organizations: Set<string>;
  pools: Map<string, pg.Pool>;
  readDatabase: (() => Promise<DatabaseSnapshot>) | null;
  workerSlots: () => { inUse: number; capacity: number };
};

const store = globalThis as unknown as { hooklineMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "hookline_" });
  const metrics: Metrics = {
    registry,
    eventsAccepted: new Counter({
      name: "hookline_events_accepted_total",
      help: 'Events accepted, by webhook type (types outside Lago\'s catalogue as "other").',
      labelNames: ["type"],
      registers: [registry],
    }),
    organizationEvents: new Counter({
      name: "hookline_organization_events_accepted_total",
      help: `Events accepted, by organization id (the first ${ORGANIZATION_LABELS} seen by this process; the rest as "other").`,
      labelNames: ["organization"],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "hookline_deliveries_total",
      help: "Delivery attempts recorded, by the webhook's outcome and the answer's HTTP class (none: no answer).",
      labelNames: ["outcome", "http_class"],
      registers: [registry],
    }),
    deliveryDuration: new Histogram({
      name: "hookline_delivery_duration_seconds",
      help: "Duration of delivery attempts, from the request to the end of the answer.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    claims: new Counter({
      name: "hookline_claims_total",
      help: "Claims of due webhooks made by this process's worker.",
      registers: [registry],
    }),
    claimedWebhooks: new Counter({
      name: "hookline_claimed_webhooks_total",
      help: "Webhooks leased by this process's claims.",
      registers: [registry],
    }),
    claimDuration: new Histogram({
      name: "hookline_claim_duration_seconds",
      help: "Duration of a claim statement.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "hookline_sign_in_failures_total",
      help: "Refused sign-ins: wrong email or password, or refused by the sign-in limits (throttled).",
      labelNames: ["reason"],
      registers: [registry],
    }),
    organizations: new Set(),
    pools: new Map(),
    readDatabase: null,
    workerSlots: () => ({ inUse: 0, capacity: 0 }),
  };

  const snapshot = { at: 0, value: null as Promise<DatabaseSnapshot | null> | null };
  // One read of the database per scrape, shared by the gauges that need it (and by scrapes within 500 ms).
  const read = () => {
    if (!metrics.readDatabase) return Promise.resolve(null);
    if (!snapshot.value || Date.now() - snapshot.at > 500) {
      snapshot.at = Date.now();
      snapshot.value = metrics.readDatabase().catch(() => null);
    }
    return snapshot.value;
  };
  new Gauge({
    name: "hookline_queue_webhooks",
    help: "Webhooks waiting, from the database: due now and not leased, scheduled for later, leased (in flight).",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const db = await read();
      this.reset();
      if (!db) return;
      this.set({ state: "due" }, db.queue.due);
      this.set({ state: "scheduled" }, db.queue.scheduled);
      this.set({ state: "leased" }, db.queue.leased);
    },
  });
  new Gauge({
    name: "hookline_queue_oldest_due_age_seconds",
    help: "How long the oldest due, unleased webhook has been due (0 when none), from the database.",
    registers: [registry],
    async collect() {
      const db = await read();
      this.set(db?.queue.oldestDueAgeSeconds ?? 0);
    },
  });
  new Gauge({
    name: "hookline_endpoints",
    help: "Endpoints by state, from the database: enabled, disabled by an operator, disabled automatically.",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const db = await read();
      this.reset();
      if (!db) return;
      this.set({ state: "enabled" }, db.endpoints.enabled);
      this.set({ state: "disabled" }, db.endpoints.disabled);
      this.set({ state: "auto_disabled" }, db.endpoints.autoDisabled);
    },
  });
  new Gauge({
    name: "hookline_worker_slots_in_use",
    help: "Deliveries in flight in this process (its worker's slots in use, operators' Retry now included).",
    registers: [registry],
    collect() {
      this.set(metrics.workerSlots().inUse);
    },
  });
  new Gauge({
    name: "hookline_worker_slots",
    help: "Deliveries this process's worker may have in flight (HOOKLINE_WORKER_CONCURRENCY; 0 when off).",
    registers: [registry],
    collect() {
      this.set(metrics.workerSlots().capacity);
    },
  });
  new Gauge({
    name: "hookline_db_pool_connections",
    help: "PostgreSQL pool connections, by pool (app, worker) and state: total open, idle, and requests waiting.",
    labelNames: ["pool", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, pool] of metrics.pools) {
        this.set({ pool: name, state: "total" }, pool.totalCount);
        this.set({ pool: name, state: "idle" }, pool.idleCount);
        this.set({ pool: name, state: "waiting" }, pool.waitingCount);
      }
    },
  });
  return metrics;
}

/** This process's metrics (created at the first call). */
export function metrics(): Metrics {
  return (store.hooklineMetrics ??= create());
}

/** The text Prometheus scrapes, and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** The `type` label: a catalogue type as it is, anything else "other". */
export function typeLabel(webhookType: string): string {
  return KNOWN_TYPES.has(webhookType) ? webhookType : "other";
}

/** The `organization` label: the id for the first ORGANIZATION_LABELS organizations seen, then "other". */
export function organizationLabel(organizationId: string): string {
  const { organizations } = metrics();
  if (organizations.has(organizationId)) return organizationId;
  if (organizations.size >= ORGANIZATION_LABELS) return "other";
  organizations.add(organizationId);
  return organizationId;
}

/** An event was accepted (not an idempotent repeat). */
export function countEventAccepted(webhookType: string, organizationId: string): void {
  const m = metrics();
  m.eventsAccepted.inc({ type: typeLabel(webhookType) });
  m.organizationEvents.inc({ organization: organizationLabel(organizationId) });
}

/** 200 -> "2xx"; no answer -> "none". */
export function httpClass(status: number | null): string {
  if (status === null || status < 100 || status > 599) return "none";
  return `${Math.floor(status / 100)}xx`;
}

/** One recorded delivery attempt (or a webhook not sent), with its duration when it was sent. */
export function countDelivery(outcome: DeliveryOutcome, status: number | null, durationMs: number | null): void {
  const m = metrics();
  m.deliveries.inc({ outcome, http_class: httpClass(status) });
  if (durationMs !== null) m.deliveryDuration.observe(durationMs / 1000);
}

/** One claim: how long it took and how many webhooks it leased. */
export function countClaim(seconds: number, claimed: number): void {
  const m = metrics();
  m.claims.inc();
  m.claimDuration.observe(seconds);
  if (claimed) m.claimedWebhooks.inc(claimed);
}

export function countSignInFailure(reason: "wrong" | "throttled"): void {
  metrics().signInFailures.inc({ reason });
}

/** A PostgreSQL pool to report in hookline_db_pool_connections. */
export function registerPool(name: string, pool: pg.Pool): void {
  metrics().pools.set(name, pool);
}

export function setDatabaseCollector(read: () => Promise<DatabaseSnapshot>): void {
  metrics().readDatabase = read;
}

export function setWorkerSlotsCollector(read: () => { inUse: number; capacity: number }): void {
  metrics().workerSlots = read;
}
