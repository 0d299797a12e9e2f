import http from "node:http";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_EMBED_ORIGIN } from "../playwright.config";
import {
  ADMIN,
  DESKTOP,
  INSTALLATION_AUTH,
  PHONE,
  runTag,
  SCHEMES,
  screenshot,
  showAs,
  startReceiver,
} from "./helpers";

// One story of serving customers: the owner makes two organizations and invites people; a viewer of one reads its
// logs only; an admin of it adds an endpoint and retries; the SaaS embeds the other's portal from another site,
// adds an endpoint there and reads its log; the same portal link, once expired, grants nothing.

const tag = runTag();

// Its own session: the owner signs in here (or creates the installation's first account on a fresh database).
test.use({ storageState: { cookies: [], origins: [] } });

async function signInAsOwner(page: Page) {
  await page.goto("/setup");
  if (page.url().endsWith("/setup")) {
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create account" }).click();
  } else {
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page).not.toHaveURL(/\/(setup|login)/, { timeout: 20_000 });
}
const PASSWORD = "correct-horse-battery-staple";

async function newPersonFromInvite(browser: Browser, link: string): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto(link);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/o\/[^/]+\/developers\/webhooks$/);
  return page;
}

async function invite(page: Page, email: string, role: "Admin" | "Viewer"): Promise<string> {
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("radio", { name: new RegExp(`^${role}`) }).check();
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page
    .getByRole("dialog", { name: "Invitation link" })
    .getByLabel("Invitation link", { exact: true })
    .inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);
  return link;
}

async function shoot(page: Page, name: string) {
  for (const size of [DESKTOP, PHONE])
    for (const scheme of SCHEMES) {
      await showAs(page, size, scheme);
      await screenshot(page, `${name}-${size.width}-${scheme}`);
    }
  await showAs(page, DESKTOP, "light");
}

test("the owner serves two customers: members, roles, and an embedded portal that expires", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const receiver = await startReceiver(500);
  const embed = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>Globex app</title><h1>Globex app</h1>
      <iframe title="Webhooks" src="${decodeURIComponent(new URL(req.url!, "http://x").searchParams.get("src")!)}"
        style="width:100%;height:760px;border:0"></iframe>`);
  });
  await new Promise<void>((resolve) => embed.listen(Number(new URL(E2E_EMBED_ORIGIN).port), "localhost", resolve));
  try {
    // 1. The owner creates two organizations (the second branded for its portal).
    await signInAsOwner(page);
    await page.goto("/organizations");
    for (const [name, externalId, portal] of [
      [`Acme ${tag}`, `acme_${tag}`, null],
      [`Globex ${tag}`, `globex_${tag}`, "Globex webhooks"],
    ] as const) {
      await page.getByRole("button", { name: "Create organization" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create organization" });
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByLabel("External id (optional)").fill(externalId);
      if (portal) {
        await dialog.getByLabel("Portal name (optional)").fill(portal);
        await dialog.getByRole("textbox", { name: "Portal accent colour (optional)" }).fill("#0f766e");
      }
      await dialog.getByRole("button", { name: "Create organization" }).click();
      await expect(page.getByRole("link", { name })).toBeVisible();
    }
    await shoot(page, "organizations");
    const globexId = (await page.getByRole("link", { name: `Globex ${tag}` }).getAttribute("href"))!.split("/")[2];

    // Acme's backend adds an endpoint through the platform API (installation key, Acme named by its external id).
    const acmeApiUrl = `${receiver.url}/acme-api/${tag}`;
    const made = await request.post("/api/v1/webhook_endpoints", {
      headers: { ...INSTALLATION_AUTH, "Hookline-Organization": `acme_${tag}` },
      data: { webhook_endpoint: { webhook_url: acmeApiUrl, signature_algo: "hmac" } },
    });
    expect(made.status()).toBe(200);

    // 2. A short portal link for Globex (its backend asks with the installation key), asked for now so that its minute
    // runs out while the owner serves Acme (steps 3 to 5); the open portal ends itself in step 6.
    const session = await request.post(`/api/v1/organizations/globex_${tag}/portal_sessions`, {
      headers: INSTALLATION_AUTH,
      data: { portal_session: { role: "admin", ttl_seconds: 60 } },
    });
    expect(session.status()).toBe(201);
    const portal = (await session.json()).portal_session as { url: string; expires_at: string };

    // Globex's app embeds it from another site: add an endpoint there and see its log.
    const customer = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
    await customer.goto(`${E2E_EMBED_ORIGIN}/?src=${encodeURIComponent(portal.url)}`);
    const frame = customer.frameLocator("iframe[title=Webhooks]");
    await expect(frame.getByText("Globex webhooks")).toBeVisible();
    await expect(frame.getByRole("link", { name: "Members" })).toHaveCount(0);
    await frame.getByRole("button", { name: "Add a webhook" }).first().click();
    const portalUrl = `${receiver.url}/globex/${tag}`;
    await frame.getByLabel("Webhook URL").fill(portalUrl);
    await frame.getByRole("radio", { name: /^HMAC/ }).check();
    await frame.getByRole("button", { name: "Add webhook" }).click();
    // Globex's list holds its new endpoint and nothing of Acme's.
    await expect(frame.getByRole("link", { name: portalUrl })).toBeVisible();
    await expect(frame.getByRole("link", { name: acmeApiUrl })).toHaveCount(0);
    await frame.getByRole("link", { name: portalUrl }).click();
    receiver.status = 200;
    await frame.getByRole("button", { name: "Send test event" }).click();
    await frame
      .getByRole("dialog", { name: "Send test event" })
      .getByRole("button", { name: "Send test event" })
      .click();
    const portalRow = frame
      .getByRole("region", { name: "Events" })
      .getByRole("row")
      .filter({ hasText: "invoice.created" });
    await expect(portalRow.getByText("Succeeded", { exact: true })).toBeVisible({ timeout: 15_000 });
    await shoot(customer, "portal");
    receiver.status = 500;

    // 3. In Acme (reached with the switcher), the owner invites a viewer and an admin.
    await page.getByRole("link", { name: `Acme ${tag}` }).click();
    // The switcher lists the other organization (retried: a click before hydration does nothing).
    const switcher = page.getByRole("button", { name: /switch organization/ });
    await expect(async () => {
      if ((await switcher.getAttribute("aria-expanded")) !== "true") await switcher.click();
      await expect(page.getByRole("link", { name: `Globex ${tag}` })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await page.keyboard.press("Escape");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
    const viewerLink = await invite(page, `viewer-${tag}@example.com`, "Viewer");
    await page.getByRole("button", { name: "Done" }).click();
    const adminLink = await invite(page, `admin-${tag}@example.com`, "Admin");
    await shoot(page, "invite");
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: `viewer-${tag}@example.com` })).toBeVisible();
    await shoot(page, "members");

    // 4. The admin joins, adds an endpoint, sends a test event that fails, then retries it once the receiver is up.
    const admin = await newPersonFromInvite(browser, adminLink);
    await admin.getByRole("button", { name: "Add a webhook" }).first().click();
    const add = admin.getByRole("dialog", { name: "Add a webhook" });
    const url = `${receiver.url}/acme/${tag}`;
    await add.getByLabel("Webhook URL").fill(url);
    await add.getByRole("radio", { name: /^HMAC/ }).check();
    await add.getByRole("button", { name: "Add webhook" }).click();
    await admin.getByRole("link", { name: url }).click();
    await admin.getByRole("button", { name: "Send test event" }).click();
    await admin
      .getByRole("dialog", { name: "Send test event" })
      .getByRole("button", { name: "Send test event" })
      .click();
    const row = admin.getByRole("region", { name: "Events" }).getByRole("row").filter({ hasText: "invoice.created" });
    await expect(row.getByText("Failed", { exact: true })).toBeVisible({ timeout: 20_000 });
    receiver.status = 200;
    await row.getByRole("link").first().click();
    await admin.getByRole("button", { name: "Retry now", exact: true }).click();
    await expect(admin.getByText(/Webhook delivered: 200 OK/)).toBeVisible();
    const endpointPage = admin.url().split("?")[0];

    // 5. The viewer joins and reads the log, with no button that changes anything; Globex does not exist for them.
    const viewer = await newPersonFromInvite(browser, viewerLink);
    await expect(viewer.getByRole("link", { name: url })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Add a webhook" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: /switch organization/ })).toHaveCount(0);
    await viewer.goto(endpointPage);
    await viewer
      .getByRole("region", { name: "Events" })
      .getByRole("row")
      .filter({ hasText: "invoice.created" })
      .getByRole("link")
      .first()
      .click();
    await expect(viewer.getByText("Succeeded", { exact: true }).first()).toBeVisible();
    for (const name of [/Retry now/, /Resend/, /Send test event/, /Edit/, /Delete/, /Disable/, /Reveal/, /Rotate/])
      await expect(viewer.getByRole("button", { name })).toHaveCount(0);
    expect((await viewer.goto(`/o/${globexId}/developers/webhooks`))?.status()).toBe(404);

    // 6. After expires_at the open page ends itself, and the same link grants nothing.
    const left = Date.parse(portal.expires_at) - Date.now();
    if (left > 0) await customer.waitForTimeout(left + 500);
    await expect(frame.getByRole("heading", { name: "This session has ended" })).toBeVisible({ timeout: 70_000 });
    await customer.reload();
    await expect(frame.getByRole("heading", { name: "This session has ended" })).toBeVisible();
    await expect(frame.getByRole("link", { name: portalUrl })).toHaveCount(0);
    const direct = await request.get(portal.url);
    expect(await direct.text()).toContain("This session has ended");
  } finally {
    await receiver.close();
    await new Promise((resolve) => embed.close(resolve));
  }
});
