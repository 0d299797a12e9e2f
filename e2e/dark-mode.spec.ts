import { expect, test, type Page } from "@playwright/test";
import {
  axeViolations,
  backgroundLuminance,
  PHONE,
  runTag,
  SCHEMES,
  screenshot,
  showAs,
  DESKTOP,
  INSTALLATION_AUTH,
  ORG,
  withSeededLog,
} from "./helpers";

// Dark mode: it follows the system until the operator picks a theme; the pick is remembered, rendered by the server
// (no script, no flash of the wrong theme) and followed by the other open tabs; axe stays clean in both themes.

test.describe.configure({ mode: "serial" });

const tag = runTag();
const seeded = withSeededLog(tag);

const isDark = async (page: Page) => (await backgroundLuminance(page)) < 0.05;
const isLight = async (page: Page) => (await backgroundLuminance(page)) > 0.9;
const theme = (page: Page) => page.getByRole("group", { name: "Theme" });

test("the dashboard follows the system's light or dark setting until a theme is chosen", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${ORG}/developers/webhooks`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  await expect(theme(page).getByRole("radio", { name: "System" })).toBeChecked();
  expect(await isDark(page)).toBe(true);

  await page.emulateMedia({ colorScheme: "light" });
  expect(await isLight(page)).toBe(true);
});

test("a chosen theme is remembered, rendered by the server before any script runs, and followed by other tabs", async ({
  page,
  browser,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${ORG}/developers/webhooks`);
  await theme(page).getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await isDark(page)).toBe(true);
  await screenshot(page, "60-dark-mode-chosen");

  // Another tab of the same browser follows a change at once.
  const other = await page.context().newPage();
  await other.goto(`${ORG}/developers/api-keys`);
  expect(await isDark(other)).toBe(true);
  await theme(page).getByRole("radio", { name: "Light" }).check();
  await expect.poll(() => isLight(other)).toBe(true);
  await other.close();

  // Reloaded: still the chosen theme, and the HTML itself says so.
  await theme(page).getByRole("radio", { name: "Dark" }).check();
  await page.reload();
  await expect(theme(page).getByRole("radio", { name: "Dark" })).toBeChecked();
  expect(await isDark(page)).toBe(true);
  expect(await (await page.request.get(`${ORG}/developers/webhooks`)).text()).toContain(
    '<html lang="en" data-theme="dark"',
  );

  // Without JavaScript at all the page is dark: nothing waits for a script, so nothing flashes.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    colorScheme: "light",
    storageState: await page.context().storageState(),
  });
  const bare = await noScript.newPage();
  await bare.goto(`${ORG}/developers/webhooks`);
  expect(await isDark(bare)).toBe(true);
  await noScript.close();

  // An explicit Light wins over a dark system setting.
  await page.emulateMedia({ colorScheme: "dark" });
  await theme(page).getByRole("radio", { name: "Light" }).check();
  expect(await isLight(page)).toBe(true);
  await theme(page).getByRole("radio", { name: "System" }).check();
  expect(await isDark(page)).toBe(true);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has no WCAG A/AA violation in either theme", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    for (const scheme of SCHEMES) {
      await showAs(page, DESKTOP, scheme);
      expect(await axeViolations(page), `sign-in, ${scheme}`).toEqual([]);
    }
  });

  test("the customer portal is in the theme its embedder asked for, whatever the visitor's system says", async ({
    browser,
    request,
  }) => {
    const organizationId = ORG.split("/")[2];
    for (const [asked, system, looksRight] of [
      ["dark", "light", isDark],
      ["light", "dark", isLight],
    ] as const) {
      const made = await request.post(`/api/v1/organizations/${organizationId}/portal_sessions`, {
        headers: INSTALLATION_AUTH,
        data: { portal_session: { role: "viewer", theme: asked } },
      });
      expect(made.status()).toBe(201);
      const { url, theme: answered } = (await made.json()).portal_session as { url: string; theme: string };
      expect(answered).toBe(asked);
      const visitor = await browser.newContext({ colorScheme: system, storageState: { cookies: [], origins: [] } });
      const page = await visitor.newPage();
      await page.goto(url);
      await expect(page.locator("html")).toHaveAttribute("data-theme", asked);
      await expect(page.getByRole("link", { name: seeded().url })).toBeVisible();
      expect(await looksRight(page), `a ${asked} portal on a ${system} system`).toBe(true);
      expect(await axeViolations(page), `portal, ${asked}`).toEqual([]);
      await visitor.close();
    }
  });
});

test("the main pages have no WCAG A/AA violation in either theme", async ({ page }) => {
  test.slow(); // fourteen axe runs
  const check = async (what: string, selector?: string) => {
    for (const scheme of SCHEMES) {
      await showAs(page, null, scheme);
      expect(await axeViolations(page, selector), `${what}, ${scheme}`).toEqual([]);
    }
  };
  await page.goto(`${ORG}/developers/webhooks`);
  await expect(page.getByRole("link", { name: seeded().url })).toBeVisible();
  await check("endpoint list");

  await page.getByRole("button", { name: "Add a webhook" }).first().click();
  await expect(page.getByRole("dialog", { name: "Add a webhook" })).toBeVisible();
  await check("Add a webhook", "dialog[open]");
  await page.keyboard.press("Escape");

  await page.goto(`${ORG}/developers/webhooks/${seeded().endpointId}`);
  await expect(
    page.getByRole("region", { name: "Events" }).getByRole("link", { name: /invoice\.payment_failure/ }),
  ).toBeVisible();
  await check("endpoint log");

  await page.getByRole("button", { name: "More actions" }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await check("More actions menu", '[role="menu"]');
  await page.keyboard.press("Escape");

  await page
    .getByRole("region", { name: "Events" })
    .getByRole("link", { name: /invoice\.payment_failure/ })
    .click();
  await expect(page.getByRole("dialog").getByText("Error response")).toBeVisible();
  await check("event detail", '[role="dialog"]');

  await page.goto(`${ORG}/developers/webhooks/events?endpoint=${seeded().endpointId}`);
  await expect(page.locator("[data-webhook-link]")).toHaveCount(4);
  await check("All events");

  await page.goto(`${ORG}/developers/api-keys`);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await check("API keys");

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await check("Account");

  await page.setViewportSize(PHONE);
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
  await check("the phone's menu", "dialog[open]");
});

test("the API reference has no WCAG A/AA violation in either theme", async ({ page }) => {
  // A long page: axe takes seconds on a quiet machine, and ten times that on a loaded one.
  test.setTimeout(240_000);
  await page.goto(`${ORG}/developers/api-reference`);
  await expect(page.getByRole("heading", { level: 2, name: "Verify signatures" })).toBeVisible();
  for (const scheme of SCHEMES) {
    await showAs(page, null, scheme);
    expect(await axeViolations(page), `API reference, ${scheme}`).toEqual([]);
  }
});
