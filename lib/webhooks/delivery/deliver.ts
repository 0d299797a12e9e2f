import type { Db } from "@/lib/db/client";
import { traceDelivery } from "@/lib/observability/tracing";
import { postWebhook, type HttpResult } from "../http";
import { signatureHeaders } from "../signing";
import { ENDPOINT_FIELDS, type ClaimedWebhook, type EndpointRow } from "./claim";

/**
 * Phase two of a delivery: prepare the request (endpoint still there and enabled, body, signature headers), then
 * make the HTTP call. Neither throws: whatever happens becomes an Outcome for the record phase.
 */

/** What became of one claimed webhook: an HTTP attempt, or not sent at all (endpoint disabled or gone). */
export type Outcome =
  | { kind: "attempt"; job: ClaimedWebhook; endpoint: EndpointRow; startedAt: Date; result: HttpResult }
  | { kind: "not_sent"; job: ClaimedWebhook; reason: string };
export type Attempted = Extract<Outcome, { kind: "attempt" }>;
export type NotSent = Extract<Outcome, { kind: "not_sent" }>;

/** A signed request, ready to go. */
export type Ready = {
  kind: "ready";
  job: ClaimedWebhook;
  endpoint: EndpointRow;
  startedAt: Date;
  request: { url: string; body: string; headers: Record<string, string> };
};

/** The endpoints and bodies of a batch. */
export type Context = { endpoints: Map<string, EndpointRow>; bodies: Map<string, string> };

/** The endpoints and bodies of a batch: those the claim brought, the rest read (two queries at most). */
export async function loadContext(db: Db, jobs: ClaimedWebhook[]): Promise<Context> {
  const endpoints = new Map<string, EndpointRow>();
  for (const job of jobs) if (job.endpoint) endpoints.set(job.endpointId, job.endpoint);
  const endpointIds = [...new Set(jobs.map((j) => j.endpointId))].filter((id) => !endpoints.has(id));
  const eventIds = [...new Set(jobs.map((j) => j.eventId))];
  if (endpointIds.length) {
    const rows = await db.webhookEndpoint.findMany({
      where: { id: { in: endpointIds } },
      select: { id: true, ...Object.fromEntries(ENDPOINT_FIELDS.map((f) => [f, true])) } as Record<
        "id" | (typeof ENDPOINT_FIELDS)[number],
        true
      >,
    });
    for (const row of rows) endpoints.set(row.id, row);
  }
  const bodies = new Map<string, string>();
  for (const job of jobs) if (job.body !== undefined) bodies.set(job.eventId, job.body);
  const missing = eventIds.filter((id) => !bodies.has(id));
  if (missing.length) {
    for (const event of await db.event.findMany({ where: { id: { in: missing } }, select: { id: true, body: true } })) {
      bodies.set(event.id, event.body);
    }
  }
  return { endpoints, bodies };
}

/** What to send, or why nothing is sent; a signing failure is an attempt that never left. */
export async function prepareDispatch(job: ClaimedWebhook, context: Context): Promise<Ready | NotSent | Attempted> {
  const endpoint = context.endpoints.get(job.endpointId);
  if (!endpoint) return { kind: "not_sent", job, reason: "Not sent: the endpoint was deleted." };
  if (!endpoint.enabled) {
    const why = endpoint.disabledReason ? ` (${endpoint.disabledReason})` : "";
    return { kind: "not_sent", job, reason: `Not sent: the endpoint is disabled${why}.` };
  }
  const body = context.bodies.get(job.eventId);
  if (body === undefined) return { kind: "not_sent", job, reason: "Not sent: the event was deleted." };

  const startedAt = new Date();
  // The old secret signs too only while its overlap lasts; without an end date it is not used at all.
  const rotating = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > startedAt;
  try {
    const headers = await signatureHeaders({
      algo: endpoint.signatureAlgo,
      body,
      webhookId: job.id,
      secret: endpoint.secret,
      previousSecret: rotating ? endpoint.previousSecret : null,
      now: startedAt,
    });
    return { kind: "ready", job, endpoint, startedAt, request: { url: endpoint.url, body, headers } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const result: HttpResult = {
      ok: false,
      status: null,
      body: null,
      truncated: false,
      durationMs: 0,
      error: `Not sent: signing failed: ${message}`,
      retryAfterMs: null,
      requestHeaders: null,
      responseHeaders: null,
      responseHeadersTruncated: false,
    };
    return { kind: "attempt", job, endpoint, startedAt, result };
  }
}

/** The HTTP call (timeout, no redirects, SSRF check after DNS: http.ts); its result, whatever it is. */
export async function makeHttpCall(ready: Ready): Promise<Attempted> {
  const { job, endpoint, startedAt, request } = ready;
  // Tracing hook: a span per attempt, child of the event's; `traceparent` only for endpoints that opted in.
  const result = await traceDelivery(
    {
      webhookId: job.id,
      eventId: job.eventId,
      endpointId: endpoint.id,
      organizationId: endpoint.organizationId,
      url: endpoint.url,
      attempt: job.attemptCount + 1,
      manual: job.manual,
      traceContext: job.traceContext,
      sendTraceparent: endpoint.sendTraceparent,
    },
    (extra) => postWebhook({ ...request, headers: { ...request.headers, ...extra } }),
  );
  return { kind: "attempt", job, endpoint, startedAt, result };
}

/** Prepare, then call: one claimed webhook's outcome. */
export async function deliverOne(job: ClaimedWebhook, context: Context): Promise<Outcome> {
  const prepared = await prepareDispatch(job, context);
  return prepared.kind === "ready" ? makeHttpCall(prepared) : prepared;
}
