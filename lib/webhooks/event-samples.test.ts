import { describe, expect, it } from "vitest";
import { SAMPLE_OBJECTS, sampleEvent } from "./event-samples";
import { LAGO_WEBHOOK_TYPES, objectTypeFor } from "./event-types";

describe("sample events", () => {
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
