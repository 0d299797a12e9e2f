import { describe, expect, it } from "vitest";
import { LAGO_WEBHOOK_TYPES, objectTypeFor, SAMPLE_OBJECTS, sampleEvent, webhookTypeSchema } from "./event-types";

describe("event-type catalogue", () => {
  it("holds unique noun.verb types that the schema accepts, including the ones the domain names", () => {
    expect(new Set(LAGO_WEBHOOK_TYPES).size).toBe(LAGO_WEBHOOK_TYPES.length);
    for (const type of LAGO_WEBHOOK_TYPES) expect(webhookTypeSchema.safeParse(type).success, type).toBe(true);
    for (const type of ["invoice.created", "invoice.payment_failure", "events.errors", "alert.triggered", "wallet_transaction.created"]) {
      expect(LAGO_WEBHOOK_TYPES).toContain(type);
    }
  });

  it("refuses types that are not noun.verb or too long", () => {
    for (const bad of ["invoice", "Invoice.created", "invoice.", ".created", "invoice created", "invoice.created!", "1nvoice.created", ""]) {
      expect(webhookTypeSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(webhookTypeSchema.safeParse(`a.${"b".repeat(98)}`).success).toBe(true);
    expect(webhookTypeSchema.safeParse(`a.${"b".repeat(99)}`).success).toBe(false);
    expect(webhookTypeSchema.safeParse("my_app.thing.happened").success).toBe(true);
  });

  it("gives Lago's object_type, which is not always the noun", () => {
    expect(objectTypeFor("invoice.created")).toBe("invoice");
    expect(objectTypeFor("invoice.payment_failure")).toBe("payment_provider_invoice_payment_error");
    expect(objectTypeFor("alert.triggered")).toBe("triggered_alert");
    expect(objectTypeFor("my_app.thing_happened")).toBe("my_app");
  });

  it("has a sample object for every object type of the catalogue", () => {
    for (const type of LAGO_WEBHOOK_TYPES) expect(SAMPLE_OBJECTS[objectTypeFor(type)], type).toBeDefined();
  });

  it("makes sample events with a fresh id each time and leaves the catalogue untouched", () => {
    const first = sampleEvent("invoice.voided");
    const second = sampleEvent("invoice.voided");
    expect(first.webhook_type).toBe("invoice.voided");
    expect(first.object_type).toBe("invoice");
    expect(first.object.status).toBe("voided");
    expect(first.object.lago_id).not.toBe(second.object.lago_id);
    expect(first.object.lago_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(SAMPLE_OBJECTS.invoice.status).toBe("finalized");
    expect((first.object.customer as { external_id: string }).external_id).toBe("cus_5678");
  });

  it("makes a sample for a custom type too", () => {
    const event = sampleEvent("shipment.dispatched");
    expect(event).toMatchObject({ webhook_type: "shipment.dispatched", object_type: "shipment" });
    expect(event.object.name).toBe("Sample shipment");
  });
});
