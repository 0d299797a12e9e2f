import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, newKey, read } from "@/lib/api/test-helpers";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { rotateSigningKey } from "@/lib/webhooks/signing-key";
import { GET as jsonPublicKey } from "../json_public_key/route";
import { GET as publicKey } from "./route";

let teardown: () => Promise<void>;
let key: string;
beforeAll(async () => {
  ({ teardown } = await setupTestDb());
  key = await newKey();
});
afterAll(() => teardown());

describe(`public key routes on ${testProvider}`, () => {
  it("serves base64 of a PEM that node's crypto imports as an RSA public key, as plain text", async () => {
    const response = await publicKey(apiRequest("GET", "/api/v1/webhooks/public_key", { key }), undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const pem = Buffer.from(text, "base64").toString("utf8");
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const imported = createPublicKey(pem);
    expect(imported.asymmetricKeyType).toBe("rsa");
    expect(imported.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
  });

  it("serves the same key as JSON, and the same key on every call", async () => {
    const text = await (await publicKey(apiRequest("GET", "/api/v1/webhooks/public_key", { key }), undefined)).text();
    const { status, body } = await read<{ webhook: { public_key: string } }>(
      await jsonPublicKey(apiRequest("GET", "/api/v1/webhooks/json_public_key", { key }), undefined),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ webhook: { public_key: text } });
  });

  it("after a key rotation: /public_key serves the new key alone, as Lago does; the JSON adds the previous key and its end", async () => {
    const get = () =>
      publicKey(apiRequest("GET", "/api/v1/webhooks/public_key", { key }), undefined).then((r) => r.text());
    const old = await get();
    const { previous } = await rotateSigningKey();
    const current = await get();
    expect(current).not.toBe(old);
    expect(current).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const { body } = await read<{ webhook: Record<string, string> }>(
      await jsonPublicKey(apiRequest("GET", "/api/v1/webhooks/json_public_key", { key }), undefined),
    );
    expect(body).toEqual({
      webhook: {
        public_key: current,
        previous_public_key: old,
        previous_expires_at: previous!.expiresAt.toISOString(),
      },
    });
  });

  it("answers 401 without a valid API key", async () => {
    for (const response of [
      await publicKey(apiRequest("GET", "/api/v1/webhooks/public_key"), undefined),
      await jsonPublicKey(apiRequest("GET", "/api/v1/webhooks/json_public_key", { key: "hl_wrong" }), undefined),
    ]) {
      expect(await read(response)).toMatchObject({ status: 401, body: { status: 401, error: "Unauthorized" } });
    }
  });
});
