import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { emitEvent } from "./emit";
import {
  createEndpoint,
  deleteEndpoint,
  endpointLimit,
  getEndpoint,
  listEndpoints,
  revealSecret,
  setEndpointEnabled,
  updateEndpoint,
} from "./endpoints";
import { runDeliveryPass } from "./delivery/loop";
import { DEFAULT_ORG } from "@/lib/test/organizations";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));
afterEach(() => {
  process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "true";
});

async function refusal(input: unknown): Promise<AppError> {
  const error = await createEndpoint(DEFAULT_ORG, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`webhook endpoints on ${testProvider}`, () => {
  it("creates JWT and HMAC endpoints, listed oldest first, without their secrets", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://example.com/jwt", signatureAlgo: "jwt" });
    await createEndpoint(DEFAULT_ORG, { url: " https://example.com/hmac ", signatureAlgo: "hmac" });
    const endpoints = await listEndpoints(DEFAULT_ORG);
    expect(endpoints.map((e) => [e.url, e.signatureAlgo])).toEqual([
      ["https://example.com/jwt", "jwt"],
      ["https://example.com/hmac", "hmac"],
    ]);
    expect(endpoints[0]).not.toHaveProperty("secret");
    expect(endpoints[1].eventTypes).toBeNull();
    expect((await revealSecret(DEFAULT_ORG, endpoints[1].id)).secret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ["ftp://example.com/hook", /valid http:\/\/ or https:\/\//],
    ["javascript:alert(1)", /valid http:\/\/ or https:\/\//],
    ["not a url", /valid http:\/\/ or https:\/\//],
    ["", /Enter the webhook URL/],
    [`https://example.com/${"a".repeat(2030)}`, /at most 2,048 characters/],
    ["https://example.com/a\u0000b", /must not contain control characters/],
  ])("refuses %s with a clear message and writes nothing", async (url, message) => {
    const error = await refusal({ url, signatureAlgo: "hmac" });
    expect(error.message).toMatch(message);
    expect(error.fieldErrors?.url?.[0]).toMatch(message);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses a name with a NUL (PostgreSQL text cannot hold one)", async () => {
    expect((await refusal({ url: "https://example.com/a", signatureAlgo: "jwt", name: "a\u0000b" })).message).toMatch(
      /control characters/,
    );
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses an unknown signature and unknown fields", async () => {
    expect((await refusal({ url: "https://example.com/a", signatureAlgo: "md5" })).message).toMatch(
      /Choose a signature/,
    );
    expect((await refusal({ url: "https://example.com/a", signatureAlgo: "jwt", admin: true })).message).toMatch(
      /admin/,
    );
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("refuses a URL that is already registered", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://example.com/hook", signatureAlgo: "jwt" });
    const error = await refusal({ url: "https://example.com/hook", signatureAlgo: "hmac" });
    expect(error.message).toBe("This webhook URL is already registered.");
    expect(await db.webhookEndpoint.count()).toBe(1);
  });

  it("refuses a sixth endpoint, and the limit follows WEBHOOK_ENDPOINT_LIMIT", async () => {
    expect(endpointLimit()).toBe(5);
    for (let i = 1; i <= 5; i++)
      await createEndpoint(DEFAULT_ORG, { url: `https://example.com/${i}`, signatureAlgo: "jwt" });
    const error = await refusal({ url: "https://example.com/6", signatureAlgo: "jwt" });
    expect(error.message).toMatch(/up to 5 webhook endpoints/);
    expect(await db.webhookEndpoint.count()).toBe(5);

    process.env.WEBHOOK_ENDPOINT_LIMIT = "6";
    try {
      await createEndpoint(DEFAULT_ORG, { url: "https://example.com/6", signatureAlgo: "jwt" });
      expect(await db.webhookEndpoint.count()).toBe(6);
    } finally {
      delete process.env.WEBHOOK_ENDPOINT_LIMIT;
    }
  });

  it("holds the limit when endpoints are added concurrently", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        createEndpoint(DEFAULT_ORG, { url: `https://example.com/c${i}`, signatureAlgo: "hmac" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await db.webhookEndpoint.count()).toBe(5);
  });

  it("updates event types to a list and back to all, and gives a Standard Webhooks endpoint a whsec_ secret", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/u", signatureAlgo: "hmac" });
    expect((await updateEndpoint(DEFAULT_ORG, endpoint.id, { eventTypes: ["invoice.created"] })).eventTypes).toEqual([
      "invoice.created",
    ]);
    expect((await updateEndpoint(DEFAULT_ORG, endpoint.id, { eventTypes: null })).eventTypes).toBeNull();
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { signatureAlgo: "standard" });
    expect((await revealSecret(DEFAULT_ORG, endpoint.id)).secret).toMatch(/^whsec_/);
  });

  it("changes only the fields given: each alone, or none, leaves the others as they were", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, {
      url: "https://example.com/p",
      signatureAlgo: "hmac",
      name: "Billing",
      eventTypes: ["invoice.created"],
    });
    const stored = () => db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    const before = await stored();
    await updateEndpoint(DEFAULT_ORG, endpoint.id, {});
    expect(await stored()).toMatchObject({
      url: before.url,
      name: "Billing",
      signatureAlgo: "hmac",
      eventTypes: ["invoice.created"],
      secret: before.secret,
    });
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { url: "https://example.com/p2" });
    expect(await stored()).toMatchObject({
      url: "https://example.com/p2",
      name: "Billing",
      signatureAlgo: "hmac",
      eventTypes: ["invoice.created"],
    });
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { name: "Renamed" });
    expect(await stored()).toMatchObject({
      url: "https://example.com/p2",
      name: "Renamed",
      eventTypes: ["invoice.created"],
    });
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { signatureAlgo: "jwt" });
    expect(await stored()).toMatchObject({ name: "Renamed", signatureAlgo: "jwt", eventTypes: ["invoice.created"] });
    // Given explicitly, a blank name and null types clear them.
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { name: "  ", eventTypes: null });
    expect(await stored()).toMatchObject({
      url: "https://example.com/p2",
      name: null,
      signatureAlgo: "jwt",
      eventTypes: null,
    });
  });

  it("refuses private and loopback URLs at create and update, on the URL field, unless allowed", async () => {
    process.env.HOOKLINE_ALLOW_PRIVATE_URLS = "false";
    for (const url of [
      "http://127.0.0.1/hook",
      "http://[::1]/",
      "http://169.254.169.254/latest/meta-data",
      "http://2130706433/",
      "http://localhost/x",
      "http://[2002:a9fe:a9fe::]/",
    ]) {
      const error = await refusal({ url, signatureAlgo: "hmac" });
      expect(error.fieldErrors?.url?.[0], url).toMatch(/is a private, loopback or link-local address/);
    }
    expect(await db.webhookEndpoint.count()).toBe(0);
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://93.184.215.14/hook", signatureAlgo: "hmac" });
    const error = await updateEndpoint(DEFAULT_ORG, endpoint.id, { url: "http://10.0.0.1/hook" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.url?.[0]).toMatch(/^10\.0\.0\.1 is a private/);
    expect((await getEndpoint(DEFAULT_ORG, endpoint.id)).url).toBe("https://93.184.215.14/hook");
    // A name that does not resolve (yet) is accepted: delivery checks again, after DNS.
    expect(
      (await createEndpoint(DEFAULT_ORG, { url: "https://no-such-host.invalid/hook", signatureAlgo: "jwt" })).url,
    ).toBe("https://no-such-host.invalid/hook");
  });

  it("refuses a user name or password in the URL", async () => {
    const error = await refusal({ url: "https://user:secret@example.com/hook", signatureAlgo: "hmac" });
    expect(error.fieldErrors?.url?.[0]).toMatch(/must not contain a user name or password/);
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/hook", signatureAlgo: "hmac" });
    await expect(updateEndpoint(DEFAULT_ORG, endpoint.id, { url: "https://user@example.com/hook" })).rejects.toThrow(
      /user name or password/,
    );
    expect(await db.webhookEndpoint.count()).toBe(1);
  });

  it("finds no endpoint for an id holding NUL or characters no id has, and asks the database nothing", async () => {
    await createEndpoint(DEFAULT_ORG, { url: "https://example.com/n", signatureAlgo: "hmac" });
    for (const id of ["\u0000", "a\u0000b", "x".repeat(65), "é", ""]) {
      for (const call of [
        () => getEndpoint(DEFAULT_ORG, id),
        () => updateEndpoint(DEFAULT_ORG, id, { name: "x" }),
        () => deleteEndpoint(DEFAULT_ORG, id),
        () => setEndpointEnabled(DEFAULT_ORG, id, false),
        () => revealSecret(DEFAULT_ORG, id),
      ]) {
        await expect(call(), JSON.stringify(id)).rejects.toMatchObject({ code: "not_found" });
      }
    }
  });

  it("deletes an endpoint", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/d", signatureAlgo: "jwt" });
    await deleteEndpoint(DEFAULT_ORG, endpoint.id);
    expect(await db.webhookEndpoint.count()).toBe(0);
    await expect(deleteEndpoint(DEFAULT_ORG, endpoint.id)).rejects.toThrow(/does not exist/);
  });

  it("edits URL, name, signature and event types in one go, and refuses a URL another endpoint has", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/e", signatureAlgo: "jwt" });
    await createEndpoint(DEFAULT_ORG, { url: "https://example.com/taken", signatureAlgo: "jwt" });
    const secretBefore = (await revealSecret(DEFAULT_ORG, endpoint.id)).secret;
    const edited = await updateEndpoint(DEFAULT_ORG, endpoint.id, {
      url: "https://example.com/e2",
      name: "Billing",
      signatureAlgo: "hmac",
      eventTypes: ["invoice.created", "invoice.created", "customer.updated"],
    });
    expect(edited).toMatchObject({
      url: "https://example.com/e2",
      name: "Billing",
      signatureAlgo: "hmac",
      eventTypes: ["invoice.created", "customer.updated"],
    });
    // JWT to HMAC keeps the secret every endpoint already has.
    expect((await revealSecret(DEFAULT_ORG, endpoint.id)).secret).toBe(secretBefore);
    // Leaving Standard Webhooks: a secret of the new kind, and no previous secret left signing.
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { signatureAlgo: "standard" });
    await updateEndpoint(DEFAULT_ORG, endpoint.id, { signatureAlgo: "hmac" });
    expect((await revealSecret(DEFAULT_ORG, endpoint.id)).secret).not.toMatch(/^whsec_/);

    const error = await updateEndpoint(DEFAULT_ORG, endpoint.id, { url: "https://example.com/taken" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      message: "This webhook URL is already registered.",
      fieldErrors: { url: ["This webhook URL is already registered."] },
    });
    expect(
      await updateEndpoint(DEFAULT_ORG, endpoint.id, { eventTypes: [] }).catch((e: unknown) => (e as Error).message),
    ).toMatch(/at least one event type/);
    expect((await getEndpoint(DEFAULT_ORG, endpoint.id)).url).toBe("https://example.com/e2");
  });

  it("disables with a reason and a time, keeps both on a second disable, and re-enables with a clean slate", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/x", signatureAlgo: "hmac" });
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { consecutiveFailures: 7, failingSince: new Date(Date.now() - 60_000) },
    });

    const disabled = await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "  Disabled by ops@example.com  ");
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "Disabled by ops@example.com" });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    const again = await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "Another reason");
    expect(again.disabledAt).toEqual(disabled.disabledAt);
    expect(again.disabledReason).toBe("Another reason");
    expect((await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "   ")).disabledReason).toBe(
      "Disabled by an operator",
    );
    expect((await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "x".repeat(300))).disabledReason).toHaveLength(
      200,
    );
    expect((await listEndpoints(DEFAULT_ORG))[0]).toMatchObject({ enabled: false, disabledReason: "x".repeat(200) });

    const enabled = await setEndpointEnabled(DEFAULT_ORG, endpoint.id, true);
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
    });
    await expect(setEndpointEnabled(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000", true)).rejects.toThrow(
      /does not exist/,
    );
  });

  it("while disabled: new events skip the endpoint, queued ones fail with the reason (kept for replay); enabled again, events flow", async () => {
    process.env.HOOKLINE_WORKER = "off";
    // Loopback port 9 (discard): nothing is sent while disabled, so nothing needs to listen.
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "http://127.0.0.1:9/hook", signatureAlgo: "hmac" });
    const object = { lago_id: "inv_1" };
    const queued = await emitEvent(DEFAULT_ORG, { webhookType: "invoice.created", objectType: "invoice", object });
    await setEndpointEnabled(DEFAULT_ORG, endpoint.id, false, "Disabled by ops@example.com");
    const skipped = await emitEvent(DEFAULT_ORG, { webhookType: "invoice.created", objectType: "invoice", object });
    expect(skipped.webhooks).toEqual([]);

    await runDeliveryPass({ budgetMs: 2_000 });
    const webhook = await db.webhook.findUniqueOrThrow({ where: { id: queued.webhooks[0].id } });
    expect(webhook).toMatchObject({
      status: "failed",
      attemptCount: 0,
      failureReason: "Not sent: the endpoint is disabled (Disabled by ops@example.com).",
    });
    expect(await db.attempt.count()).toBe(0);

    await setEndpointEnabled(DEFAULT_ORG, endpoint.id, true);
    expect(
      (await emitEvent(DEFAULT_ORG, { webhookType: "invoice.created", objectType: "invoice", object })).webhooks,
    ).toHaveLength(1);
  });

  it("reveals the previous secret only while its overlap lasts", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/s", signatureAlgo: "standard" });
    const until = new Date(Date.now() + 3_600_000);
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecret: "whsec_old", previousSecretUntil: until },
    });
    expect(await revealSecret(DEFAULT_ORG, endpoint.id)).toMatchObject({
      previousSecret: "whsec_old",
      previousSecretUntil: until,
    });
    expect(await revealSecret(DEFAULT_ORG, endpoint.id, new Date(until.getTime() + 1))).toMatchObject({
      previousSecret: null,
      previousSecretUntil: null,
    });
    await expect(revealSecret(DEFAULT_ORG, "0198c0de-0000-7000-8000-000000000000")).rejects.toThrow(/does not exist/);
  });

  it("deleting takes the log with it (webhooks and attempts)", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: "https://example.com/log", signatureAlgo: "hmac" });
    const emitted = await emitEvent(DEFAULT_ORG, {
      webhookType: "invoice.created",
      objectType: "invoice",
      object: { lago_id: "inv_1" },
    });
    await db.attempt.create({
      data: { webhookId: emitted.webhooks[0].id, startedAt: new Date(), durationMs: 5, succeeded: false },
    });
    await deleteEndpoint(DEFAULT_ORG, endpoint.id);
    expect(await db.webhook.count()).toBe(0);
    expect(await db.attempt.count()).toBe(0);
    // The event itself stays: other endpoints may have been sent it.
    expect(await db.event.count()).toBe(1);
  });
});
