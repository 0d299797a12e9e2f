import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { asServed, curlExample, deliveries, deliveryExample, operationsByTag } from "./model";
import { constraints, properties, typeLabel } from "./schema";

const document = asServed(openApiDocument("https://hookline.example.com"));
const operation = (operationId: string) =>
  operationsByTag(document)
    .flatMap((tag) => tag.operations)
    .find((view) => view.operation.operationId === operationId)!;

describe("the API reference's reading of the document", () => {
  it("groups every operation under its tag, in the document's order", () => {
    const tags = operationsByTag(document);
    expect(tags.map((tag) => tag.name)).toEqual([
      "Events",
      "Webhook endpoints",
      "Webhooks",
      "Organizations",
      "OpenAPI",
    ]);
    expect(tags.flatMap((tag) => tag.operations)).toHaveLength(
      Object.values(document.paths ?? {}).flatMap((item) => Object.keys(item)).length,
    );
    expect(tags[1].operations.map((view) => `${view.method} ${view.path}`)).toContain(
      "put /webhook_endpoints/{lago_id}",
    );
  });

  it("writes each operation as a curl call with the documented examples, the key only where one is needed", () => {
    const create = curlExample(document, operation("createWebhookEndpoint"));
    expect(create).toContain(`curl -X POST "https://hookline.example.com/api/v1/webhook_endpoints"`);
    expect(create).toContain(`-H "Authorization: Bearer $HOOKLINE_API_KEY"`);
    expect(create).toMatch(
      /-d '\{"webhook_endpoint":\{"webhook_url":"https:\/\/billing\.example\.com\/webhooks\/lago"/,
    );
    expect(curlExample(document, operation("findWebhookEndpoint"))).toContain(
      "/webhook_endpoints/0198c0de-5a1e-7c3b-9f10-4a2b6c8d0e12",
    );
    expect(curlExample(document, operation("createEvent"))).toContain(`-H 'Idempotency-Key: invoice-inv_001-created'`);
    expect(curlExample(document, operation("getOpenApiDocument"))).not.toContain("Authorization");
  });

  it("shows a delivery per scheme with its headers and body", () => {
    const [jwt, hmac, standard] = deliveries(document);
    expect([jwt, hmac, standard].map((view) => view.operation.summary)).toEqual([
      "JWT (RS256), Lago's default",
      "HMAC (SHA-256), Lago's",
      "Standard Webhooks",
    ]);
    const example = deliveryExample(document, standard);
    expect(example).toMatch(/^POST \/your\/endpoint HTTP\/1\.1\nContent-Type: application\/json\n/);
    expect(example).toMatch(/\nwebhook-signature: v1,[A-Za-z0-9+/]+=*\n/);
    expect(example.split("\n").pop()).toBe(
      `{"webhook_type":"invoice.created","object_type":"invoice","organization_id":"6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f","invoice":{"lago_id":"inv_001","number":"INV-2026-001","total_amount_cents":12000,"currency":"EUR"}}`,
    );
  });

  it("says types, nesting and rules in words", () => {
    const endpoint = { $ref: "#/components/schemas/WebhookEndpoint" };
    const fields = properties(document, endpoint);
    expect(fields.map((field) => field.name)).toEqual([
      "lago_id",
      "lago_organization_id",
      "webhook_url",
      "signature_algo",
      "name",
      "event_types",
      "send_traceparent",
      "created_at",
    ]);
    const label = (name: string) => typeLabel(document, fields.find((field) => field.name === name)!.schema);
    expect(label("name")).toBe("string | null");
    expect(label("event_types")).toBe("array of string | null");
    expect(label("signature_algo")).toBe(`"jwt" | "hmac" | "standard"`);
    expect(label("created_at")).toBe("string (date-time)");
    expect(typeLabel(document, { type: "array", items: endpoint })).toBe("array of WebhookEndpoint");
    const list = properties(document, { $ref: "#/components/schemas/WebhookEndpointList" });
    expect(list.find((field) => field.name === "webhook_endpoints")!.nested.map((field) => field.name)).toContain(
      "lago_id",
    );
    expect(constraints({ type: "string", minLength: 1, maxLength: 255 })).toEqual(["1–255 characters"]);
    expect(constraints({ type: "integer", minimum: 1, maximum: 100, default: 20 })).toEqual([
      "≥ 1",
      "≤ 100",
      "default 20",
    ]);
  });
});
