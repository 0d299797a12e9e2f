// The session cookies as next-auth sets them with our options: Secure (and __Secure- / __Host- prefixed) when
// HOOKLINE_PUBLIC_URL is https://, even when the request reached us over plain HTTP behind a proxy that ends TLS;
// over HTTP, not Secure. Each case signs in for real: CSRF token, then the credentials callback.
import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createFirstOperator } from "./operators";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  await createFirstOperator({ email: ADMIN.email, password: ADMIN.password, confirm: ADMIN.password });
});
afterEach(() => vi.unstubAllEnvs());

const ADMIN = { email: "admin@example.com", password: "the right password" };

type SetCookie = { name: string; value: string; attributes: string[] };
type Answer = { status: number; cookies: SetCookie[]; body: unknown };

function parseSetCookie(header: string): SetCookie {
  const [pair, ...attributes] = header.split(/;\s*/);
  const at = pair.indexOf("=");
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes: attributes.map((a) => a.toLowerCase()) };
}

/**
 * next-auth's handler on our options (`getAuthOptions()`, read afresh: it is cached per process), as the pages
 * router calls it: the app router's entry reads next/headers, which needs Next's request scope; both hand the
 * same request to the same core, which decides the cookies. The headers are those Next gives a plain-HTTP request.
 */
async function nextAuth(
  action: string[],
  { method = "GET", body, cookies = {} }: { method?: string; body?: unknown; cookies?: Record<string, string> } = {},
): Promise<Answer> {
  vi.resetModules();
  const { getAuthOptions } = await import("./options");
  const answer: Answer = { status: 200, cookies: [], body: undefined };
  let setCookie: string[] = [];
  const res = {
    status: (code: number) => ((answer.status = code), res),
    setHeader: (name: string, value: string | string[]) => {
      if (name.toLowerCase() === "set-cookie") setCookie = ([] as string[]).concat(value);
      return res;
    },
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? setCookie : undefined),
    send: (sent: unknown) => void (answer.body = sent),
    json: (sent: unknown) => void (answer.body = sent),
    end: () => undefined,
  };
  const req = {
    query: { nextauth: action },
    method,
    body,
    cookies,
    headers: { host: "hooks.example.com", "x-forwarded-proto": "http", "content-type": "application/json" },
  };
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, await getAuthOptions());
  answer.cookies = setCookie.map(parseSetCookie);
  return answer;
}

/** Signs in as ADMIN: the CSRF cookie and token, then the credentials callback; every cookie set on the way. */
async function signIn(): Promise<SetCookie[]> {
  const csrf = await nextAuth(["csrf"]);
  const { csrfToken } = csrf.body as { csrfToken: string };
  const callback = await nextAuth(["callback", "credentials"], {
    method: "POST",
    body: { csrfToken, ...ADMIN, json: "true" },
    // As the browser sends them back, and Next parses them: decoded.
    cookies: Object.fromEntries(csrf.cookies.map((cookie) => [cookie.name, decodeURIComponent(cookie.value)])),
  });
  expect(callback.body).toEqual({ url: expect.not.stringContaining("error") });
  return [...csrf.cookies, ...callback.cookies];
}

const names = (cookies: SetCookie[]) => [...new Set(cookies.map((cookie) => cookie.name))].sort();

describe(`session cookies on ${testProvider}`, () => {
  it("are Secure and __Secure-/__Host- prefixed when HOOKLINE_PUBLIC_URL is https://", async () => {
    vi.stubEnv("HOOKLINE_PUBLIC_URL", "https://hooks.example.com");
    const cookies = await signIn();
    const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    expect(session?.attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax"]));
    expect(names(cookies)).toEqual([
      "__Host-next-auth.csrf-token",
      "__Secure-next-auth.callback-url",
      "__Secure-next-auth.session-token",
    ]);
    for (const cookie of cookies) expect(cookie.attributes, cookie.name).toContain("secure");
  });

  it("are neither Secure nor prefixed when HOOKLINE_PUBLIC_URL is http://", async () => {
    vi.stubEnv("HOOKLINE_PUBLIC_URL", "http://localhost:3000");
    const cookies = await signIn();
    expect(names(cookies)).toEqual(["next-auth.callback-url", "next-auth.csrf-token", "next-auth.session-token"]);
    const session = cookies.find((cookie) => cookie.name === "next-auth.session-token");
    expect(session?.attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax"]));
    for (const cookie of cookies) expect(cookie.attributes, cookie.name).not.toContain("secure");
  });
});
