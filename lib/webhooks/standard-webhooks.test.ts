import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver, type Receiver } from "@/lib/test/receivers";
import { emitEvent } from "./emit";
import { createEndpoint, revealSecret } from "./endpoints";
import { rotateEndpointSecret } from "./rotation";
import { runDeliveryPass } from "./delivery/loop";
import { DEFAULT_ORG } from "@/lib/test/organizations";

// What a receiver using the official `standardwebhooks` package sees of our deliveries, end to end:
// emit -> worker -> HTTP on loopback -> `new Webhook(secret).verify(body, headers)`.

let db: Db;
let teardown: () => Promise<void>;
let receiver: Receiver;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

async function deliver(): Promise<{ body: string; headers: Record<string, string> }> {
  const before = receiver.requests.length;
  await emitEvent(DEFAULT_ORG, {
    webhookType: "invoice.created",
    objectType: "invoice",
    object: { lago_id: "inv_42", total_amount_cents: 26400, note: "é ✓ \u2028" },
  });
  await runDeliveryPass({ budgetMs: 5_000 });
  const [request] = await receiver.waitFor(before + 1).then((all) => all.slice(before));
  return { body: request.body, headers: request.headers as Record<string, string> };
}

describe(`Standard Webhooks deliveries, verified with the standardwebhooks package, on ${testProvider}`, () => {
  it("verifies what we send, and refuses a tampered body, another secret and a replayed old timestamp", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "standard" });
    const { secret } = await revealSecret(DEFAULT_ORG, endpoint.id);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const { body, headers } = await deliver();
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(headers["webhook-id"]).toBe(headers["x-lago-unique-key"]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));

    expect(() => new Webhook(secret).verify(body.replace("26400", "26401"), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(body, headers)).toThrow(
      WebhookVerificationError,
    );
    const stale = { ...headers, "webhook-timestamp": String(Number(headers["webhook-timestamp"]) - 600) };
    expect(() => new Webhook(secret).verify(body, stale)).toThrow(WebhookVerificationError);
  });

  it("during a rotation carries both signatures, and the old and the new secret both verify", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "standard" });
    const { secret: oldSecret } = await revealSecret(DEFAULT_ORG, endpoint.id);
    const rotated = await rotateEndpointSecret(DEFAULT_ORG, endpoint.id);
    expect(rotated.secret).not.toBe(oldSecret);

    const { body, headers } = await deliver();
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(rotated.secret).verify(body, headers)).toMatchObject({ webhook_type: "invoice.created" });
    expect(new Webhook(oldSecret).verify(body, headers)).toMatchObject({ webhook_type: "invoice.created" });
    expect(() => new Webhook(rotated.secret).verify(`${body} `, headers)).toThrow(WebhookVerificationError);

    // After the overlap only the new secret signs.
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretUntil: new Date(Date.now() - 1) },
    });
    const after = await deliver();
    expect(after.headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(new Webhook(rotated.secret).verify(after.body, after.headers)).toBeTruthy();
    expect(() => new Webhook(oldSecret).verify(after.body, after.headers)).toThrow(WebhookVerificationError);
  });

  it("a previous secret without an end date never signs", async () => {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: receiver.url, signatureAlgo: "standard" });
    const { secret } = await revealSecret(DEFAULT_ORG, endpoint.id);
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecret: `whsec_${Buffer.alloc(32, 1).toString("base64")}` },
    });
    const { body, headers } = await deliver();
    expect(headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(new Webhook(secret).verify(body, headers)).toBeTruthy();
  });
});
