import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { setupTestDb } from "@/lib/test/db";
import { closeReceivers, drain, emit, endpoint, fastRetries, receiver } from "@/lib/test/delivery";
import { reply, sequence } from "@/lib/test/receivers";
import { flushTracing, initTracing, shutdownTracing, tracingEnabled } from "./tracing";

/** A span as OTLP/HTTP JSON carries it (ids in hex), with its attributes flattened. */
type ReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, string | number | boolean>;
  links: { traceId: string; spanId: string }[];
  status?: { code?: number };
};

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpBody = {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: {
      spans: (Omit<ReceivedSpan, "attributes" | "links"> & {
        attributes?: { key: string; value: OtlpValue }[];
        links?: { traceId: string; spanId: string }[];
      })[];
    }[];
  }[];
};

const value = (v: OtlpValue) =>
  v.stringValue ?? v.boolValue ?? v.doubleValue ?? (v.intValue === undefined ? "" : Number(v.intValue));

/** A loopback OTLP/HTTP receiver: JSON bodies posted to /v1/traces, decoded into spans. */
async function otlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const services: string[] = [];
  const contentTypes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      contentTypes.push(String(req.headers["content-type"]));
      if (req.url === "/v1/traces") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpBody;
        for (const resource of body.resourceSpans) {
          const service = resource.resource.attributes.find((a) => a.key === "service.name");
          if (service) services.push(String(value(service.value)));
          for (const scope of resource.scopeSpans)
            for (const span of scope.spans)
              spans.push({
                ...span,
                attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, value(a.value)])),
                links: span.links ?? [],
              });
        }
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    services,
    contentTypes,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let teardown: () => Promise<void>;
let collector: Awaited<ReturnType<typeof otlpReceiver>>;

beforeAll(async () => {
  fastRetries();
  process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "10000";
  ({ teardown } = await setupTestDb());
  collector = await otlpReceiver();
});
afterAll(async () => {
  await shutdownTracing();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await collector.close();
  await teardown();
});
afterEach(async () => {
  await closeReceivers();
  await getDb().webhookEndpoint.deleteMany();
});

describe("tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  it("stores no trace context and sends no traceparent, even to an endpoint that asked for it", async () => {
    expect(initTracing()).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const target = await receiver(reply(200));
    const created = await endpoint(target.url);
    await getDb().webhookEndpoint.update({ where: { id: created.id }, data: { sendTraceparent: true } });
    const result = await emit();
    await drain();
    expect(target.requests[0].headers.traceparent).toBeUndefined();
    const webhook = await getDb().webhook.findUniqueOrThrow({ where: { id: result.webhooks[0].id } });
    expect(webhook.traceContext).toBeNull();
    expect(collector.spans).toHaveLength(0);
  });
});

describe("tracing on", () => {
  it("exports accept, claim and delivery spans over OTLP/HTTP, an event's attempts (retries too) children of its accepting span", async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
    process.env.OTEL_SERVICE_NAME = "hookline-test";
    expect(initTracing()).toBe(true);

    const flaky = await receiver(sequence(reply(500), reply(200)));
    const plain = await receiver(reply(200));
    const opted = await endpoint(flaky.url);
    await getDb().webhookEndpoint.update({ where: { id: opted.id }, data: { sendTraceparent: true } });
    const other = await endpoint(plain.url);
    const result = await emit();
    await drain();
    await flushTracing();

    expect(collector.contentTypes.every((type) => type.startsWith("application/json"))).toBe(true);
    expect(collector.services).toContain("hookline-test");
    const accept = collector.spans.find(
      (s) => s.name === "hookline.event.accept" && s.attributes["hookline.event.id"] === result.event.id,
    );
    expect(accept).toBeDefined();
    expect(accept!.attributes["hookline.webhooks"]).toBe(2);

    // Stored with the webhooks: the accepting span's traceparent.
    const stored = await getDb().webhook.findMany({ where: { eventId: result.event.id } });
    for (const webhook of stored) expect(webhook.traceContext).toBe(`00-${accept!.traceId}-${accept!.spanId}-01`);

    const deliveries = collector.spans.filter(
      (s) => s.name === "hookline.delivery" && s.attributes["hookline.event.id"] === result.event.id,
    );
    expect(deliveries).toHaveLength(3);
    for (const span of deliveries) {
      expect(span.traceId).toBe(accept!.traceId);
      expect(span.parentSpanId).toBe(accept!.spanId);
    }
    const toFlaky = deliveries
      .filter((s) => s.attributes["hookline.endpoint.id"] === opted.id)
      .sort((a, b) => Number(a.attributes["hookline.attempt"]) - Number(b.attributes["hookline.attempt"]));
    expect(toFlaky.map((s) => [s.attributes["hookline.attempt"], s.attributes["http.response.status_code"]])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(toFlaky[0].status?.code).toBe(2); // ERROR
    expect(typeof toFlaky[1].attributes["hookline.delivery.duration_ms"]).toBe("number");
    expect(deliveries.filter((s) => s.attributes["hookline.endpoint.id"] === other.id)).toHaveLength(1);

    // The endpoint that opted in gets a traceparent naming the attempt's own span; the other none.
    expect(flaky.requests.map((r) => r.headers.traceparent)).toEqual(
      toFlaky.map((s) => `00-${s.traceId}-${s.spanId}-01`),
    );
    expect(plain.requests[0].headers.traceparent).toBeUndefined();

    // Claims: their own spans, linked to the accepting span of what they leased.
    const claims = collector.spans.filter((s) => s.name === "hookline.claim");
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.some((s) => s.links.some((l) => l.traceId === accept!.traceId && l.spanId === accept!.spanId))).toBe(
      true,
    );
  });
});
