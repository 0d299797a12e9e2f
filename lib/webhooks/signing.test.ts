import { createHmac, generateKeyPairSync } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetSigningKey } from "./signing-key";
import {
  generateHmacSecret,
  generateStandardSecret,
  hmacSignature,
  jwtSignature,
  signatureHeaders,
  standardSignature,
} from "./signing";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
const body = JSON.stringify({
  webhook_type: "invoice.created",
  object_type: "invoice",
  invoice: { lago_id: "inv_1", total: 100, note: "é ✓" },
});

beforeAll(() => {
  // signatureHeaders takes the installation key from the environment here (signing-key.test.ts covers the database).
  process.env.HOOKLINE_RSA_PRIVATE_KEY = Buffer.from(privatePem).toString("base64");
  forgetSigningKey();
});
afterAll(() => {
  delete process.env.HOOKLINE_RSA_PRIVATE_KEY;
  forgetSigningKey();
});

describe("HMAC", () => {
  it("is base64 HMAC-SHA256 of the exact body", () => {
    // Reference value computed independently: printf '%s' 'hello' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(hmacSignature("secret", "hello")).toBe("iKqz7ejTrflNJquQ07r9SiCDBww7zOnAFO4EpEOEfAs=");
    expect(hmacSignature("secret", body)).toBe(createHmac("sha256", "secret").update(body).digest("base64"));
    expect(hmacSignature("secret", body + " ")).not.toBe(hmacSignature("secret", body));
  });

  it("generates url-safe 32-byte secrets, different each time", () => {
    const secret = generateHmacSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(generateHmacSecret()).not.toBe(secret);
  });
});

describe("JWT", () => {
  it("is RS256 over exactly { data: body, iss } as Lago signs it (no iat, no exp)", async () => {
    const token = await jwtSignature(body, "https://hooks.example.com", privatePem);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "RS256" });
    expect(decodeJwt(token)).toEqual({ data: body, iss: "https://hooks.example.com" });
    const { payload } = await jwtVerify(token, await importSPKI(publicPem, "RS256"), {
      issuer: "https://hooks.example.com",
    });
    expect(payload.data).toBe(body);
  });

  it("does not verify with another key or another issuer", async () => {
    const token = await jwtSignature(body, "https://hooks.example.com", privatePem);
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    await expect(jwtVerify(token, await importSPKI(other, "RS256"))).rejects.toThrow(/signature verification failed/);
    await expect(
      jwtVerify(token, await importSPKI(publicPem, "RS256"), { issuer: "https://evil.example" }),
    ).rejects.toThrow(/iss/);
  });

  it("accepts a PKCS#1 key, as `openssl genrsa` writes them", async () => {
    const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const token = await jwtSignature(body, "x", pkcs1);
    await expect(jwtVerify(token, await importSPKI(publicPem, "RS256"))).resolves.toBeTruthy();
  });
});

describe("Standard Webhooks", () => {
  it("verifies with the standardwebhooks package and rejects a tampered body", () => {
    const secret = generateStandardSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = standardSignature(secret, "msg_1", timestamp, body);
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(timestamp), "webhook-signature": signature };
    expect(new StandardWebhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new StandardWebhook(secret).verify(body.replace("100", "999"), headers)).toThrow();
  });
});

describe("signatureHeaders", () => {
  const base = { body, webhookId: "0199-webhook-id", secret: "endpoint-secret" };

  it("sends Lago's headers for HMAC", async () => {
    const headers = await signatureHeaders({ ...base, algo: "hmac" });
    expect(headers).toEqual({
      "Content-Type": "application/json",
      "User-Agent": "Hookline-Webhooks/1.0",
      "X-Lago-Unique-Key": "0199-webhook-id",
      "X-Lago-Signature": hmacSignature("endpoint-secret", body),
      "X-Lago-Signature-Algorithm": "hmac",
    });
  });

  it("signs JWT with the installation key and the public URL as issuer", async () => {
    const headers = await signatureHeaders({ ...base, algo: "jwt" });
    expect(headers["X-Lago-Signature-Algorithm"]).toBe("jwt");
    expect(headers["X-Lago-Unique-Key"]).toBe("0199-webhook-id");
    const { payload } = await jwtVerify(headers["X-Lago-Signature"], await importSPKI(publicPem, "RS256"), {
      issuer: process.env.HOOKLINE_PUBLIC_URL,
    });
    expect(payload).toEqual({ data: body, iss: "http://localhost:3000" });
  });

  it("sends both signatures during a Standard Webhooks rotation, each verifiable with its own secret", async () => {
    const current = generateStandardSecret();
    const previous = generateStandardSecret();
    const now = new Date();
    const headers = await signatureHeaders({
      ...base,
      algo: "standard",
      secret: current,
      previousSecret: previous,
      now,
    });
    expect(headers["webhook-id"]).toBe("0199-webhook-id");
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(headers["X-Lago-Unique-Key"]).toBe("0199-webhook-id");
    expect(headers["X-Lago-Signature"]).toBeUndefined();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(new StandardWebhook(current).verify(body, lower)).toBeTruthy();
    expect(new StandardWebhook(previous).verify(body, lower)).toBeTruthy();
    expect(() => new StandardWebhook(generateStandardSecret()).verify(body, lower)).toThrow();

    const single = await signatureHeaders({ ...base, algo: "standard", secret: current, previousSecret: null });
    expect(single["webhook-signature"].split(" ")).toHaveLength(1);
  });

  it("refuses an unknown algorithm", async () => {
    await expect(signatureHeaders({ ...base, algo: "md5" })).rejects.toThrow(/Unknown signature algorithm/);
  });
});
