import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint, getEndpoint } from "@/lib/webhooks/endpoints";

const session = vi.hoisted(() => ({ signedIn: true }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({
  requireOperatorForAction: vi.fn(async () => {
    if (!session.signedIn) throw new AppError(AppErrorCode.Unauthorized, "Your session has ended. Sign in again.");
    return { id: "op", email: "ops@example.com" };
  }),
}));

const actions = await import("./endpoint-actions");
const { rotateSigningKeyAction } = await import("../signing-key-actions");

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  session.signedIn = true;
});

const UNKNOWN = "0198c0de-0000-7000-8000-000000000000";

describe(`endpoint actions on ${testProvider}`, () => {
  it("edits URL, name, signature and event types, with per-field errors", async () => {
    const endpoint = await createEndpoint({ url: "https://a.example/hook", signatureAlgo: "jwt" });
    const result = await actions.updateEndpointAction({
      endpointId: endpoint.id,
      url: "https://b.example/hook",
      name: "Billing",
      signatureAlgo: "standard",
      eventTypes: ["invoice.created"],
    });
    expect(result).toMatchObject({ ok: true, data: { url: "https://b.example/hook", name: "Billing", signatureAlgo: "standard", eventTypes: ["invoice.created"] } });
    expect(await actions.updateEndpointAction({ endpointId: endpoint.id, url: "ftp://x" })).toMatchObject({
      ok: false,
      fieldErrors: { url: [expect.stringMatching(/valid http/)] },
    });
    expect(await actions.updateEndpointAction({ endpointId: endpoint.id, eventTypes: [] })).toMatchObject({ ok: false, error: /at least one event type/ });
    expect(await actions.updateEndpointAction({ endpointId: endpoint.id, secret: "mine" })).toMatchObject({ ok: false, error: /secret/ });
  });

  it("disables with the operator's name or a typed reason, and enables again", async () => {
    const endpoint = await createEndpoint({ url: "https://a.example/hook", signatureAlgo: "hmac" });
    expect(await actions.disableEndpointAction({ endpointId: endpoint.id })).toMatchObject({ ok: true, data: { enabled: false, disabledReason: "Disabled by ops@example.com" } });
    expect(await actions.disableEndpointAction({ endpointId: endpoint.id, reason: "Receiver is moving to a new host" })).toMatchObject({
      ok: true,
      data: { disabledReason: "Receiver is moving to a new host" },
    });
    expect(await actions.disableEndpointAction({ endpointId: endpoint.id, reason: "x".repeat(201) })).toMatchObject({ ok: false, error: /at most 200/ });
    expect(await actions.enableEndpointAction({ endpointId: endpoint.id })).toMatchObject({ ok: true, data: { enabled: true, disabledReason: null } });
  });

  it("reveals and rotates secrets; deletes the endpoint", async () => {
    const endpoint = await createEndpoint({ url: "https://a.example/hook", signatureAlgo: "standard" });
    const revealed = await actions.revealSecretAction({ endpointId: endpoint.id });
    if (!revealed.ok) throw new Error(revealed.error);
    expect(revealed.data).toEqual({ secret: expect.stringMatching(/^whsec_/), previousSecretUntil: null });

    const rotated = await actions.rotateSecretAction({ endpointId: endpoint.id });
    if (!rotated.ok) throw new Error(rotated.error);
    expect(rotated.data.secret).not.toBe(revealed.data.secret);
    expect(rotated.data.previousSecretUntil!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(await actions.revealSecretAction({ endpointId: endpoint.id })).toMatchObject({ ok: true, data: { secret: rotated.data.secret } });

    expect(await actions.deleteEndpointAction({ endpointId: endpoint.id })).toMatchObject({ ok: true, data: { id: endpoint.id } });
    expect(await actions.deleteEndpointAction({ endpointId: endpoint.id })).toMatchObject({ ok: false, error: /does not exist/ });
    expect(await actions.revealSecretAction({ endpointId: UNKNOWN })).toMatchObject({ ok: false, error: /does not exist/ });
  });

  it("parses before it authorises, and a signed-out caller changes nothing and sees no secret", async () => {
    const endpoint = await createEndpoint({ url: "https://a.example/hook", signatureAlgo: "hmac" });
    session.signedIn = false;
    expect(await actions.updateEndpointAction({ endpointId: endpoint.id, url: "not a url" })).toMatchObject({ ok: false, fieldErrors: { url: expect.any(Array) } });
    const calls = [
      actions.updateEndpointAction({ endpointId: endpoint.id, url: "https://evil.example/hook" }),
      actions.disableEndpointAction({ endpointId: endpoint.id }),
      actions.deleteEndpointAction({ endpointId: endpoint.id }),
      actions.revealSecretAction({ endpointId: endpoint.id }),
      actions.rotateSecretAction({ endpointId: endpoint.id }),
      rotateSigningKeyAction(),
    ];
    for (const result of await Promise.all(calls)) expect(result).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    expect(await getEndpoint(endpoint.id)).toMatchObject({ url: "https://a.example/hook", enabled: true });
    expect(await db.setting.count()).toBe(0);
  });

  it("rotates the installation signing key, and refuses when the environment owns it", async () => {
    const rotated = await rotateSigningKeyAction();
    expect(rotated).toMatchObject({ ok: true, data: { source: "database", previous: { expiresAt: expect.any(Date) } } });
    process.env.HOOKLINE_RSA_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nnot used\n-----END PRIVATE KEY-----";
    try {
      expect(await rotateSigningKeyAction()).toMatchObject({ ok: false, error: /HOOKLINE_RSA_PRIVATE_KEY/ });
    } finally {
      delete process.env.HOOKLINE_RSA_PRIVATE_KEY;
    }
  });
});
