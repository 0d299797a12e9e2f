import { createPublicKey } from "node:crypto";
import { decodeJwt, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { getSigningKey, signingKeyStatus } from "./signing-key";
import { jwtIssuer, signatureHeaders } from "./signing";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

const saved = process.env.HOOKLINE_PUBLIC_URL;
afterEach(() => {
  process.env.HOOKLINE_PUBLIC_URL = saved;
  delete process.env.PORT;
});

describe(`the JWT issuer on ${testProvider}`, () => {
  it("defaults to http://localhost:<PORT>, and the dashboard's key status says it comes from PORT", async () => {
    delete process.env.HOOKLINE_PUBLIC_URL;
    process.env.PORT = "4900";
    expect(jwtIssuer()).toBe("http://localhost:4900");
    expect((await signingKeyStatus()).issuer).toEqual({ value: "http://localhost:4900", source: "PORT" });
    const headers = await signatureHeaders({
      algo: "jwt",
      body: JSON.stringify({ a: 1 }),
      webhookId: "w1",
      secret: "",
    });
    const token = headers["X-Lago-Signature"];
    expect(decodeJwt(token).iss).toBe("http://localhost:4900");
    await jwtVerify(token, createPublicKey((await getSigningKey()).publicKeyPem), { issuer: "http://localhost:4900" });
  });

  it("is HOOKLINE_PUBLIC_URL when set, and says so", async () => {
    process.env.HOOKLINE_PUBLIC_URL = "https://hooks.example.com/";
    process.env.PORT = "4900";
    expect(jwtIssuer()).toBe("https://hooks.example.com");
    expect((await signingKeyStatus()).issuer).toEqual({
      value: "https://hooks.example.com",
      source: "HOOKLINE_PUBLIC_URL",
    });
  });
});
