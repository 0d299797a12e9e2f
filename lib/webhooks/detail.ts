// One webhook in full for the event detail (properties, payload, error response, attempts, the event's other
// deliveries) and one attempt's request and response: the detail's read model, beside the log's (queries.ts).
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { isInFlight } from "./delivery/claim";
import type { HeaderList } from "./http";
import { listSelect, reasonPhrase, toListItem, type WebhookListItem, type WebhookStatus } from "./queries";
import { idSchema } from "./schemas";

export type AttemptItem = {
  id: string;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  reasonPhrase: string | null;
  error: string | null;
  succeeded: boolean;
  /** The first characters of the response body (ending in "…" when cut), for the history table. */
  responseExcerpt: string | null;
  /** The stored body itself was cut at the size limit. */
  responseTruncated: boolean;
  /** Sent because an operator asked (Retry now, Resend, bulk replay), not by the schedule. */
  manual: boolean;
};

/** One attempt's request and answer in full, loaded when the operator opens it (headers are kilobytes each). */
export type AttemptDetail = {
  id: string;
  webhookId: string;
  /** The URL it went to (null for attempts recorded before requests were kept, or never sent). */
  requestUrl: string | null;
  /** As sent, signature headers included; null when none was recorded. */
  requestHeaders: HeaderList | null;
  responseHeaders: HeaderList | null;
  responseHeadersTruncated: boolean;
  /** What was kept of the response body (64 KB at most). */
  responseBody: string | null;
  responseTruncated: boolean;
};

export type WebhookDetail = WebhookListItem & {
  endpointId: string;
  endpointUrl: string;
  /** A disabled endpoint's webhooks cannot be retried until it is enabled again. */
  endpointEnabled: boolean;
  /** Lago's "Response": the last HTTP status and its reason phrase. */
  responseCode: number | null;
  reasonPhrase: string | null;
  failureReason: string | null;
  /** When the attempt in flight started (a worker or an operator holds the lease); null when none is. */
  inFlightSince: string | null;
  /** The exact body that was signed and sent. */
  payload: string;
  /** What the receiver said when the last attempt failed: its body, or the connection error. */
  errorResponse: { kind: "body"; body: string; truncated: boolean } | { kind: "error"; message: string } | null;
  /** Newest first. */
  attempts: AttemptItem[];
  /** The emitted event this webhook carries, and every endpoint it went to (this one included). */
  eventId: string;
  deliveries: EventDelivery[];
};

/** One emitted event's deliveries: which endpoints it went to and how each fared, for the detail. */
export type EventDelivery = {
  webhookId: string;
  endpointId: string;
  endpointUrl: string;
  status: WebhookStatus;
  lastHttpStatus: number | null;
  retries: number;
};

export async function eventDeliveries(scope: OrgScope, eventId: string): Promise<EventDelivery[]> {
  const rows = await getDb().webhook.findMany({
    where: { ...orgScope(scope), eventId: parseInput(idSchema, eventId) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      endpointId: true,
      status: true,
      lastHttpStatus: true,
      retries: true,
      endpoint: { select: { url: true } },
    },
  });
  return rows.map((row) => ({
    webhookId: row.id,
    endpointId: row.endpointId,
    endpointUrl: row.endpoint.url,
    status: row.status as WebhookStatus,
    lastHttpStatus: row.lastHttpStatus,
    retries: row.retries,
  }));
}

/** A stored header list, or null if it is not one (never trust a JSON column's shape). */
function headerList(value: unknown): HeaderList | null {
  if (!Array.isArray(value)) return null;
  const pairs = value.filter(
    (pair): pair is [string, string] =>
      Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && typeof pair[1] === "string",
  );
  return pairs.length === value.length ? pairs : null;
}

/** One attempt of one webhook of one endpoint, with its request and answer in full; not_found otherwise. */
export async function getAttemptDetail(
  scope: OrgScope,
  endpointId: string,
  webhookId: string,
  attemptId: string,
): Promise<AttemptDetail> {
  const row = await getDb().attempt.findFirst({
    where: {
      id: parseInput(idSchema, attemptId),
      webhookId: parseInput(idSchema, webhookId),
      webhook: { ...orgScope(scope), endpointId: parseInput(idSchema, endpointId) },
    },
    select: {
      id: true,
      webhookId: true,
      requestUrl: true,
      requestHeaders: true,
      responseHeaders: true,
      responseHeadersTruncated: true,
      responseBody: true,
      responseTruncated: true,
    },
  });
  if (!row) throw new AppError(AppErrorCode.NotFound, "This attempt does not exist on this event.");
  return { ...row, requestHeaders: headerList(row.requestHeaders), responseHeaders: headerList(row.responseHeaders) };
}

const EXCERPT_LENGTH = 300;
const MAX_ATTEMPTS_SHOWN = 100;

function excerpt(body: string | null): string | null {
  if (!body) return null;
  return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body;
}

/** One webhook of one endpoint of the organization, with its payload, last error and attempt history; not_found otherwise. */
export async function getWebhookDetail(scope: OrgScope, endpointId: string, webhookId: string): Promise<WebhookDetail> {
  const row = await getDb().webhook.findFirst({
    where: {
      ...orgScope(scope),
      id: parseInput(idSchema, webhookId),
      endpointId: parseInput(idSchema, endpointId),
    },
    select: {
      ...listSelect,
      endpointId: true,
      eventId: true,
      lastResponse: true,
      lastError: true,
      failureReason: true,
      leaseOwner: true,
      leaseUntil: true,
      leasedAt: true,
      endpoint: { select: { url: true, enabled: true } },
      event: { select: { body: true } },
      attempts: {
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take: MAX_ATTEMPTS_SHOWN,
        select: {
          id: true,
          startedAt: true,
          durationMs: true,
          statusCode: true,
          error: true,
          succeeded: true,
          responseBody: true,
          responseTruncated: true,
          manual: true,
        },
      },
    },
  });
  if (!row) throw new AppError(AppErrorCode.NotFound, "This event does not exist on this webhook endpoint.");

  const {
    endpoint,
    event,
    attempts,
    lastResponse,
    lastError,
    failureReason,
    leaseOwner,
    leaseUntil,
    leasedAt,
    endpointId: ownerId,
    eventId,
    ...item
  } = row;
  const deliveries = await eventDeliveries(scope, eventId);
  const status = row.status as WebhookStatus;
  const lastFailed = (status === "failed" || status === "retrying") && (attempts[0] ? !attempts[0].succeeded : true);
  let errorResponse: WebhookDetail["errorResponse"] = null;
  if (lastFailed && lastResponse)
    errorResponse = { kind: "body", body: lastResponse, truncated: attempts[0]?.responseTruncated ?? false };
  else if (lastFailed && (lastError || failureReason))
    errorResponse = { kind: "error", message: (lastError || failureReason) as string };

  return {
    ...toListItem(item),
    endpointId: ownerId,
    endpointUrl: endpoint.url,
    endpointEnabled: endpoint.enabled,
    responseCode: row.lastHttpStatus,
    reasonPhrase: reasonPhrase(row.lastHttpStatus),
    failureReason,
    inFlightSince: leasedAt && isInFlight({ leaseOwner, leaseUntil }) ? leasedAt.toISOString() : null,
    payload: event.body,
    eventId,
    deliveries,
    errorResponse,
    attempts: attempts.map((attempt) => ({
      id: attempt.id,
      startedAt: attempt.startedAt.toISOString(),
      durationMs: attempt.durationMs,
      statusCode: attempt.statusCode,
      reasonPhrase: reasonPhrase(attempt.statusCode),
      error: attempt.error,
      succeeded: attempt.succeeded,
      responseExcerpt: excerpt(attempt.responseBody),
      responseTruncated: attempt.responseTruncated,
      manual: attempt.manual,
    })),
  };
}
