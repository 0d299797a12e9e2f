import { SignJWT } from "jose";
import { NextRequest } from "next/server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPortalSession } from "@/lib/portal/sessions";
import { PORTAL_THEME_HEADER } from "@/lib/portal/theme";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { THEME_COOKIE, type Theme } from "@/lib/theme";
import { proxy } from "@/proxy";
import RootLayout from "./layout";

// The page's theme from the request to the HTML: proxy.ts reads a portal link's theme claim into a request header,
// and the root layout renders <html data-theme> from it (or from the operator's cookie anywhere else).

/** What the root layout reads through next/headers: the request as the proxy handed it on, its cookies included. */
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => {
      const value = new URLSearchParams(request.headers.get("cookie")?.replaceAll("; ", "&")).get(name);
      return value === null ? undefined : { name, value };
    },
  }),
}));

let teardown: () => Promise<void>;
let organizationId: string;
beforeAll(async () => {
  const test = await setupTestDb();
  teardown = test.teardown;
  organizationId = (await test.db.organization.create({ data: { name: "Acme" } })).id;
});
afterAll(() => teardown());

/** The request headers Next renders with after the proxy: the ones it set or kept (Next drops the others). */
function forwarded(response: Response): Headers {
  const names = response.headers.get("x-middleware-override-headers")?.split(",") ?? [];
  return new Headers(
    names.map((name): [string, string] => [name, response.headers.get(`x-middleware-request-${name}`) ?? ""]),
  );
}

/** The page at `path` as the browser gets it: through the proxy, then the root layout rendered to HTML. */
async function openingTag(path: string, { cookie, sent = {} }: { cookie?: Theme; sent?: Record<string, string> } = {}) {
  const headers = new Headers(sent);
  if (cookie) headers.set("cookie", `${THEME_COOKIE}=${cookie}`);
  request.headers = forwarded(proxy(new NextRequest(`http://localhost:3000${path}`, { headers })));
  const html = renderToStaticMarkup(await RootLayout({ children: createElement("p", null, "page") }));
  return /^<html[^>]*>/.exec(html)?.[0];
}

/** A portal link's path, as the platform API makes it. */
async function portalPath(theme: Theme): Promise<string> {
  const session = await createPortalSession(
    organizationId,
    { role: "admin", ttl_seconds: 600, theme },
    "http://localhost:3000",
  );
  return new URL(session.portal_session.url).pathname;
}

describe(`The page's theme on ${testProvider}`, () => {
  it("renders every portal page in the theme its link names, whatever the operator's cookie says", async () => {
    for (const theme of ["light", "dark", "system"] as const) {
      const home = (await portalPath(theme)).replace(/\/developers\/webhooks$/, "");
      for (const path of [home, `${home}/developers/webhooks`, `${home}/developers/webhooks/0198c0de-0000-7000`]) {
        expect(await openingTag(path), path).toBe(`<html lang="en" data-theme="${theme}">`);
        for (const cookie of ["light", "dark"] as const) {
          expect(await openingTag(path, { cookie }), `${path} ${cookie}`).toBe(
            `<html lang="en" data-theme="${theme}">`,
          );
        }
      }
    }
  });

  it("follows the browser on a link signed before themes, or one that is no token (its page refuses it)", async () => {
    const unthemed = await new SignJWT({ org: organizationId, role: "admin" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("any secret: the theme is read, the page checks the signature"));
    for (const path of [
      `/portal/${unthemed}/developers/webhooks`,
      "/portal/a.b.c",
      "/portal/not-a-token",
      "/portal/",
    ]) {
      expect(await openingTag(path, { cookie: "dark" }), path).toBe('<html lang="en" data-theme="system">');
    }
  });

  it("renders the dashboard in the operator's cookie, and no request chooses it with the proxy's header", async () => {
    const sent = { [PORTAL_THEME_HEADER]: "dark" };
    for (const path of ["/o/x/developers/webhooks", "/login", "/portalx"]) {
      expect(await openingTag(path, { sent }), path).toBe('<html lang="en" data-theme="system">');
      expect(await openingTag(path, { cookie: "light", sent }), path).toBe('<html lang="en" data-theme="light">');
      expect(await openingTag(path, { cookie: "dark" }), path).toBe('<html lang="en" data-theme="dark">');
    }
  });
});
