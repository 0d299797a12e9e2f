import {
  context as otelContext,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVICE_NAME,
} from "@opentelemetry/semantic-conventions";
import { config } from "@/lib/config";
import { logger } from "./logger";

/**
 * OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set; the OTLP/HTTP
 * exporter reads the other standard variables (headers, timeout) itself. Spans: accepting an event
 * (`hookline.event.accept`, with the event id), each claim (`hookline.claim`, linked to the accepting spans of what
 * it leased), each delivery attempt (`hookline.delivery`: endpoint, status, duration). The accepting span's context
 * is stored with each webhook (`webhooks.traceContext`, a W3C traceparent), and every attempt, retries included, is
 * its child: one event's trace shows all its deliveries. When tracing is off every helper here calls straight
 * through (no span objects, nothing stored).
 */

const TRACER = "hookline";
const propagator = new W3CTraceContextPropagator();

type TracingStore = { provider: NodeTracerProvider; tracer: Tracer };
const store = globalThis as unknown as { hooklineTracing?: TracingStore };

/** Whether spans are recorded and exported in this process. */
export function tracingEnabled(): boolean {
  return store.hooklineTracing !== undefined;
}

/** Starts tracing when the settings ask for it (boot; tests). Idempotent. */
export function initTracing(): boolean {
  if (store.hooklineTracing) return true;
  const { enabled, serviceName } = config().tracing;
  if (!enabled) return false;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Global registration: AsyncLocalStorage context and the W3C propagator (Next's own request spans join in).
  provider.register();
  store.hooklineTracing = { provider, tracer: provider.getTracer(TRACER) };
  logger().info({ serviceName }, "tracing on: spans are exported over OTLP/HTTP");
  return true;
}

/** Exports what is buffered (tests, shutdown). */
export async function flushTracing(): Promise<void> {
  await store.hooklineTracing?.provider.forceFlush();
}

/** Stops tracing: flushes, then unregisters (tests, shutdown). */
export async function shutdownTracing(): Promise<void> {
  const current = store.hooklineTracing;
  if (!current) return;
  store.hooklineTracing = undefined;
  await current.provider.shutdown();
  trace.disable();
  otelContext.disable();
}

/** The W3C traceparent of a span ("00-<trace id>-<span id>-<flags>"). */
export function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, "0")}`;
}

/** The context a stored traceparent stands for (the root context when there is none or it is malformed). */
export function contextOf(traceContext: string | null | undefined): Context {
  if (!traceContext) return ROOT_CONTEXT;
  return propagator.extract(ROOT_CONTEXT, { traceparent: traceContext }, { get: (c, k) => c[k], keys: Object.keys });
}

function failed(span: Span, error: unknown): never {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
  throw error;
}

/**
 * Accepting an event: `write` gets the traceparent to store with the webhooks (null when tracing is off);
 * `describe` names what was written (the event id, how many webhooks) once it is.
 */
export async function traceAccept<T>(
  attributes: { webhookType: string; organizationId: string },
  write: (traceContext: string | null) => Promise<T>,
  describe: (written: T) => { eventId: string; webhooks: number } | null,
): Promise<T> {
  const tracing = store.hooklineTracing;
  if (!tracing) return write(null);
  return tracing.tracer.startActiveSpan(
    "hookline.event.accept",
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        "hookline.webhook_type": attributes.webhookType,
        "hookline.organization.id": attributes.organizationId,
      },
    },
    async (span) => {
      let written: T;
      try {
        written = await write(traceparentOf(span));
      } catch (error) {
        failed(span, error);
      }
      const described = describe(written);
      if (described) {
        span.setAttribute("hookline.event.id", described.eventId);
        span.setAttribute("hookline.webhooks", described.webhooks);
      }
      span.end();
      return written;
    },
  );
}

/**
 * A request the web process answers outside Next (lib/api/lean-events.ts): the server span Next would have made
 * (`POST /api/v1/events`, its attribute names, a child of the caller's `traceparent`), so `hookline.event.accept`
 * keeps the same parent on either path. Straight through when tracing is off.
 */
export async function traceServerRequest<T>(
  request: { method: string; route: string; target: string; headers: { get(name: string): string | null } },
  handle: () => Promise<T>,
  statusOf: (answer: T) => number,
): Promise<T> {
  const tracing = store.hooklineTracing;
  if (!tracing) return handle();
  const parent = propagator.extract(ROOT_CONTEXT, request.headers, {
    get: (headers, key) => headers.get(key) ?? undefined,
    keys: () => ["traceparent", "tracestate"],
  });
  const name = `${request.method} ${request.route}`;
  return tracing.tracer.startActiveSpan(
    name,
    {
      kind: SpanKind.SERVER,
      attributes: {
        "http.method": request.method,
        "http.target": request.target,
        "http.route": request.route,
        "next.route": request.route,
        "next.span_name": name,
      },
    },
    parent,
    async (span) => {
      let answer: T;
      try {
        answer = await handle();
      } catch (error) {
        failed(span, error);
      }
      const status = statusOf(answer);
      span.setAttribute("http.status_code", status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      return answer;
    },
  );
}

/** A claim: its span (linked to the accepting span of each webhook it leased). */
export async function traceClaim<T extends { traceContext?: string | null }[]>(
  workerId: string,
  claim: () => Promise<T>,
): Promise<T> {
  const tracing = store.hooklineTracing;
  if (!tracing) return claim();
  const span = tracing.tracer.startSpan("hookline.claim", {
    kind: SpanKind.INTERNAL,
    attributes: { "hookline.worker.id": workerId },
  });
  let jobs: T;
  try {
    jobs = await claim();
  } catch (error) {
    failed(span, error);
  }
  span.setAttribute("hookline.claimed", jobs.length);
  const links: Link[] = [];
  for (const job of jobs.slice(0, 128)) {
    const linked = trace.getSpanContext(contextOf(job.traceContext));
    if (linked) links.push({ context: linked });
  }
  if (links.length) span.addLinks(links);
  span.end();
  return jobs;
}

export type DeliveryTrace = {
  webhookId: string;
  eventId: string;
  endpointId: string;
  organizationId: string;
  url: string;
  attempt: number;
  manual: boolean;
  traceContext: string | null | undefined;
  /** The endpoint asked for a `traceparent` header on its deliveries. */
  sendTraceparent: boolean;
};

type CallResult = { ok: boolean; status: number | null; durationMs: number; error: string | null };

/**
 * One delivery attempt as a child of the event's accepting span. `call` gets the extra headers to send: a
 * `traceparent` naming this span, only when the endpoint opted in (and tracing is on).
 */
export async function traceDelivery<R extends CallResult>(
  delivery: DeliveryTrace,
  call: (extraHeaders: Record<string, string>) => Promise<R>,
): Promise<R> {
  const tracing = store.hooklineTracing;
  if (!tracing) return call({});
  let host = "";
  try {
    host = new URL(delivery.url).hostname;
  } catch {
    // A stored URL always parses; the attribute is only left out.
  }
  // The host only: a URL's path or query may carry a receiver's token.
  const span = tracing.tracer.startSpan(
    "hookline.delivery",
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: "POST",
        [ATTR_SERVER_ADDRESS]: host,
        "hookline.webhook.id": delivery.webhookId,
        "hookline.event.id": delivery.eventId,
        "hookline.endpoint.id": delivery.endpointId,
        "hookline.organization.id": delivery.organizationId,
        "hookline.attempt": delivery.attempt,
        "hookline.attempt.manual": delivery.manual,
      },
    },
    contextOf(delivery.traceContext),
  );
  let result: R;
  try {
    result = await call(delivery.sendTraceparent ? { traceparent: traceparentOf(span) } : {});
  } catch (error) {
    failed(span, error);
  }
  if (result.status !== null) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, result.status);
  span.setAttribute("hookline.delivery.duration_ms", result.durationMs);
  if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.error ?? `HTTP ${result.status}` });
  span.end();
  return result;
}
