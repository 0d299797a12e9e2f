// The portal's pages with a link that grants nothing (expired, tampered, its organization gone): the layout and each
// page render the refusal, saying why, and nothing of any organization; the page's own content is never rendered.
import { renderToStaticMarkup } from "react-dom/server";
import { jsx } from "react/jsx-runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { PORTAL_REFUSED, signPortalToken } from "@/lib/portal/tokens";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import PortalLayout from "./layout";
import PortalWebhooksPage from "./developers/webhooks/page";
import PortalEndpointPage from "./developers/webhooks/[endpointId]/page";

// The endpoint page reads the request's headers (for the API URL it shows): outside Next, a request's.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "hooks.example.com" }) }));

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());

type Seeded = { organizationId: string; endpointId: string; markers: string[] };
let acme: Seeded;
let globex: Seeded;

/** An organization with a portal name, an endpoint and a failed webhook: every string of it a page could show. */
async function seed(name: string): Promise<Seeded> {
  const organization = await db.organization.create({ data: { name, portalName: `${name} Portal` } });
  const url = `https://${name.toLowerCase()}.example/hook`;
  const endpoint = await createEndpoint({ organizationId: organization.id }, { url, signatureAlgo: "hmac" });
  const webhookId = await webhookWithStatus(db, endpoint.id, "failed", organization.id);
  const { secret } = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  return {
    organizationId: organization.id,
    endpointId: endpoint.id,
    markers: [name, organization.id, endpoint.id, webhookId, url, secret],
  };
}

beforeEach(async () => {
  await resetDb(db);
  acme = await seed("Acme");
  globex = await seed("Globex");
});

// No character HTML escapes: the rendered page holds it exactly as written.
const PAGE_CONTENT = "The portal page itself";

/** What Next renders for `token`: the layout, and each page on its own (each checks the token again). */
async function pages(token: string) {
  const children = jsx("p", { children: PAGE_CONTENT });
  return {
    layout: await PortalLayout({ children, params: Promise.resolve({ token }) }),
    list: await PortalWebhooksPage({ params: Promise.resolve({ token }) }),
    endpoint: await PortalEndpointPage({
      params: Promise.resolve({ token, endpointId: acme.endpointId }),
      searchParams: Promise.resolve({}),
    }),
  };
}

/** The three as HTML. */
async function renderAll(token: string): Promise<string[]> {
  return Object.values(await pages(token)).map((element) => renderToStaticMarkup(element));
}

/** A token whose payload says something else (another organization, another role) under the original signature. */
function forged(token: string, change: object): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  return [header, Buffer.from(JSON.stringify({ ...claims, ...change })).toString("base64url"), signature].join(".");
}

function flipLastSignatureCharacter(token: string): string {
  const signature = token.split(".")[2];
  const flipped = signature.slice(0, -2) + (signature.at(-2) === "A" ? "B" : "A") + signature.at(-1);
  return token.replace(/[^.]+$/, flipped);
}

describe(`A portal link that grants nothing, on ${testProvider}`, () => {
  it("an expired link: every page says the session has ended, and shows nothing of the organization", async () => {
    const { token } = await signPortalToken(
      { organizationId: acme.organizationId, role: "admin", ttlSeconds: 60 },
      new Date(Date.now() - 3_600_000),
    );
    for (const html of await renderAll(token)) {
      expect(html).toContain("This session has ended");
      expect(html).toContain(PORTAL_REFUSED.expired);
      expect(html).not.toContain(PAGE_CONTENT);
      for (const marker of [...acme.markers, ...globex.markers]) expect(html).not.toContain(marker);
    }
  });

  it("a tampered link, or one of a deleted organization: every page says it does not work, and shows nothing", async () => {
    const { token } = await signPortalToken({ organizationId: acme.organizationId, role: "viewer", ttlSeconds: 600 });
    const gone = await db.organization.create({ data: { name: "Gone" } });
    const ofGone = await signPortalToken({ organizationId: gone.id, role: "admin", ttlSeconds: 600 });
    await db.organization.delete({ where: { id: gone.id } });
    const refused = [
      flipLastSignatureCharacter(token),
      forged(token, { role: "admin" }),
      forged(token, { org: globex.organizationId }),
      `${token}x`,
      "not-a-token",
      ofGone.token,
    ];
    for (const bad of refused) {
      for (const html of await renderAll(bad)) {
        expect(html, bad).toContain("This link does not work");
        expect(html).toContain(PORTAL_REFUSED.invalid);
        expect(html).not.toContain(PAGE_CONTENT);
        for (const marker of [...acme.markers, ...globex.markers]) expect(html).not.toContain(marker);
      }
    }
  });

  it("the same link, untouched and in time, shows the organization's portal and its endpoints", async () => {
    const { token } = await signPortalToken({ organizationId: acme.organizationId, role: "viewer", ttlSeconds: 600 });
    const { layout, list, endpoint } = await pages(token);
    const html = renderToStaticMarkup(layout);
    expect(html).toContain("Acme Portal");
    expect(html).toContain(PAGE_CONTENT);
    expect(html).not.toContain("This link does not work");
    // The pages' components need the layout's providers: what they are given is what they would show.
    for (const page of [list, endpoint]) {
      expect(JSON.stringify(page.props)).toContain("https://acme.example/hook");
      expect(JSON.stringify(page.props)).not.toContain("globex");
    }
  });
});
