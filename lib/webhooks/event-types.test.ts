import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { LAGO_WEBHOOK_TYPES, objectTypeFor, WEBHOOK_TYPE_PATTERN, webhookTypeSchema } from "./event-types";
import { eventTypeNameSchema } from "./schemas";

describe("event-type catalogue", () => {
  it("holds unique noun.verb types that the schema accepts, including the ones the domain names", () => {
    expect(new Set(LAGO_WEBHOOK_TYPES).size).toBe(LAGO_WEBHOOK_TYPES.length);
    for (const type of LAGO_WEBHOOK_TYPES) expect(webhookTypeSchema.safeParse(type).success, type).toBe(true);
    for (const type of [
      "invoice.created",
      "invoice.payment_failure",
      "events.errors",
      "alert.triggered",
      "wallet_transaction.created",
    ]) {
      expect(LAGO_WEBHOOK_TYPES).toContain(type);
    }
  });

  it("refuses types that are not noun.verb or too long", () => {
    for (const bad of [
      "invoice",
      "Invoice.created",
      "invoice.",
      ".created",
      "invoice created",
      "invoice.created!",
      "1nvoice.created",
      "",
    ]) {
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

  it("is the one type-name pattern: the endpoint filter accepts and refuses the same names", () => {
    for (const name of [
      "invoice.created",
      "my_app.thing.happened",
      "invoice",
      "Invoice.created",
      "invoice.",
      "1nvoice.created",
    ]) {
      const valid = WEBHOOK_TYPE_PATTERN.test(name);
      expect(webhookTypeSchema.safeParse(name).success, name).toBe(valid);
      expect(eventTypeNameSchema.safeParse(name).success, name).toBe(valid);
    }
  });

  it("stays safe for the browser: it imports zod and nothing else", () => {
    const source = fs.readFileSync(new URL("./event-types.ts", import.meta.url), "utf8");
    expect([...source.matchAll(/^import .* from "(.+)";$/gm)].map((match) => match[1])).toEqual(["zod"]);
  });
});
