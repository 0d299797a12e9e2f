import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { emitEvent } from "./emit";
import { createEndpoint } from "./endpoints";
import { eventTypeCatalogue, MAX_SEEN_TYPES } from "./event-catalogue";
import { LAGO_WEBHOOK_TYPES } from "./event-types";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

describe(`event-type catalogue on ${testProvider}`, () => {
  it("is Lago's types when nothing has been sent, sorted", async () => {
    const catalogue = await eventTypeCatalogue(DEFAULT_ORG);
    expect(catalogue).toEqual([...LAGO_WEBHOOK_TYPES].sort());
  });

  it("adds the types the API has seen and the types endpoints filter on, each once", async () => {
    for (const type of ["order.shipped", "order.shipped", "invoice.created", "shipment.label_printed"]) {
      await emitEvent(DEFAULT_ORG, { webhookType: type, objectType: type.split(".")[0], object: {} });
    }
    await createEndpoint(DEFAULT_ORG, {
      url: "https://example.com/a",
      signatureAlgo: "hmac",
      eventTypes: ["refund.issued", "invoice.created"],
    });
    const catalogue = await eventTypeCatalogue(DEFAULT_ORG);
    for (const type of ["order.shipped", "shipment.label_printed", "refund.issued", "invoice.created"]) {
      expect(catalogue.filter((t) => t === type)).toEqual([type]);
    }
    expect(catalogue).toEqual([...catalogue].sort());
    expect(catalogue).toHaveLength(LAGO_WEBHOOK_TYPES.length + 3);
  });

  it("carries at most a bounded number of seen types, however many the API has seen", async () => {
    await db.event.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        organizationId: DEFAULT_ORGANIZATION_ID,
        webhookType: `seen_${i}.happened`,
        objectType: "seen",
        body: "{}",
      })),
    });
    const seen = (await eventTypeCatalogue(DEFAULT_ORG)).filter((type) => type.startsWith("seen_"));
    expect(seen).toHaveLength(MAX_SEEN_TYPES);
  });
});
