import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint, deleteEndpoint, endpointLimit, listEndpoints, revealSecret, updateEndpoint } from "./endpoints";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

async function refusal(input: unknown): Promise<UserError> {
  const error = await createEndpoint(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe(`webhook endpoints on ${testProvider}`, () => {
  it("creates JWT and HMAC endpoints, listed oldest first, without their secrets", async () => {
    await createEndpoint({ url: "https://example.com/jwt", signatureAlgo: "jwt" });
    await createEndpoint({ url: " https://example.com/hmac ", signatureAlgo: "hmac" });
    const endpoints = await listEndpoints();
    expect(endpoints.map((e) => [e.url, e.signatureAlgo])).toEqual([
      ["https://example.com/jwt", "jwt"],
      ["https://example.com/hmac", "hmac"],
    ]);
    expect(endpoints[0]).not.toHaveProperty("secret");
    expect(endpoints[1].eventTypes).toBeNull();
    expect((await revealSecret(endpoints[1].id)).secret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ["ftp://example.com/hook", /valid http:\/\/ or https:\/\//],
    ["javascript:alert(1)", /valid http:\/\/ or https:\/\//],
    ["not a url", /valid http:\/\/ or https:\/\//],
    ["", /Enter the webhook URL/],
    [`https://example.com/${"a".repeat(2030)}`, /at most 2,048 characters/],
  ])("refuses %s with a clear message and writes nothing", async (url, message) => {
    const error = await refusal({ url, signatureAlgo: "hmac" });
    expect(error.message).toMatch(message);
    expect(error.fieldErrors?.url?.[0]).toMatch(message);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses an unknown signature and unknown fields", async () => {
    expect((await refusal({ url: "https://example.com/a", signatureAlgo: "md5" })).message).toMatch(/Choose a signature/);
    expect((await refusal({ url: "https://example.com/a", signatureAlgo: "jwt", admin: true })).message).toMatch(/admin/);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses a URL that is already registered", async () => {
    await createEndpoint({ url: "https://example.com/hook", signatureAlgo: "jwt" });
    const error = await refusal({ url: "https://example.com/hook", signatureAlgo: "hmac" });
    expect(error.message).toBe("This webhook URL is already registered.");
    expect(await db.webhookEndpoint.count()).toBe(1);
  });

  it("refuses a sixth endpoint, and the limit follows WEBHOOK_ENDPOINT_LIMIT", async () => {
    expect(endpointLimit()).toBe(5);
    for (let i = 1; i <= 5; i++) await createEndpoint({ url: `https://example.com/${i}`, signatureAlgo: "jwt" });
    const error = await refusal({ url: "https://example.com/6", signatureAlgo: "jwt" });
    expect(error.message).toMatch(/up to 5 webhook endpoints/);
    expect(await db.webhookEndpoint.count()).toBe(5);

    process.env.WEBHOOK_ENDPOINT_LIMIT = "6";
    try {
      await createEndpoint({ url: "https://example.com/6", signatureAlgo: "jwt" });
      expect(await db.webhookEndpoint.count()).toBe(6);
    } finally {
      delete process.env.WEBHOOK_ENDPOINT_LIMIT;
    }
  });

  it("holds the limit when endpoints are added concurrently", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => createEndpoint({ url: `https://example.com/c${i}`, signatureAlgo: "hmac" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await db.webhookEndpoint.count()).toBe(5);
  });

  it("updates event types to a list and back to all, and gives a Standard Webhooks endpoint a whsec_ secret", async () => {
    const endpoint = await createEndpoint({ url: "https://example.com/u", signatureAlgo: "hmac" });
    expect((await updateEndpoint(endpoint.id, { eventTypes: ["invoice.created"] })).eventTypes).toEqual(["invoice.created"]);
    expect((await updateEndpoint(endpoint.id, { eventTypes: null })).eventTypes).toBeNull();
    await updateEndpoint(endpoint.id, { signatureAlgo: "standard" });
    expect((await revealSecret(endpoint.id)).secret).toMatch(/^whsec_/);
  });

  it("deletes an endpoint", async () => {
    const endpoint = await createEndpoint({ url: "https://example.com/d", signatureAlgo: "jwt" });
    await deleteEndpoint(endpoint.id);
    expect(await db.webhookEndpoint.count()).toBe(0);
    await expect(deleteEndpoint(endpoint.id)).rejects.toThrow(/does not exist/);
  });
});
