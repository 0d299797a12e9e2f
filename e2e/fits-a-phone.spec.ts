import { expect, test, type Page } from "@playwright/test";
import {
  createEndpoint,
  DESKTOP,
  deleteEndpoints,
  expectNoHorizontalScroll,
  PHONE,
  runTag,
  SCHEMES,
  screenshot,
  showAs,
  ORG,
  withSeededLog,
} from "./helpers";

// Every screen at 390x844 (a phone) and 1440x900, light and dark: nothing is wider than the window, the sidebar turns
// into a menu on the phone, and the log's rows stack their fields. Each screen is kept in e2e/artifacts.

test.describe.configure({ mode: "serial" });

const tag = runTag();
const seeded = withSeededLog(tag);

/** The page at both sizes in both schemes: no horizontal scroll (also inside `panel`, when given), and a screenshot each. */
async function fitsEverywhere(page: Page, name: string, panel?: string) {
  test.slow(); // four sizes and schemes, a full-page screenshot each
  for (const size of [PHONE, DESKTOP]) {
    for (const scheme of SCHEMES) {
      await showAs(page, size, scheme);
      await expectNoHorizontalScroll(page, `${name} at ${size.width} px, ${scheme}`);
      if (panel) {
        const { scrollWidth, clientWidth } = await page
          .locator(panel)
          .evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
        expect(scrollWidth, `${name}: ${panel} at ${size.width} px`).toBeLessThanOrEqual(clientWidth);
      }
      // A drawer or a dialog is shown as the window frames it (a full-page capture would cut the fixed layer).
      await screenshot(page, `fit-${name}-${size.width}-${scheme}`, { fullPage: !panel });
    }
  }
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page fits a phone", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await fitsEverywhere(page, "sign-in");
  });
});

test("the endpoint list, its Add dialog, All events, the API keys, the API reference, the account and the 404s fit a phone", async ({
  page,
}) => {
  await page.goto(`${ORG}/developers/webhooks`);
  await expect(page.getByRole("link", { name: seeded().url })).toBeVisible();
  await fitsEverywhere(page, "webhooks");

  await page.getByRole("button", { name: "Add a webhook" }).first().click();
  await expect(page.getByRole("dialog", { name: "Add a webhook" })).toBeVisible();
  await fitsEverywhere(page, "add-a-webhook", "dialog[open]");
  await page.keyboard.press("Escape");

  await page.goto(`${ORG}/developers/api-keys`);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await fitsEverywhere(page, "api-keys");

  await page.goto(`${ORG}/developers/webhooks/events?endpoint=${seeded().endpointId}`);
  await expect(page.locator("[data-webhook-link]")).toHaveCount(4);
  await fitsEverywhere(page, "all-events");

  await page.goto(`${ORG}/developers/api-reference`);
  await expect(page.getByRole("heading", { level: 2, name: "Verify signatures" })).toBeVisible();
  await fitsEverywhere(page, "api-reference");

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await fitsEverywhere(page, "account");

  await page.goto(`${ORG}/developers/webhooks/no-such-endpoint`);
  await expect(page.getByRole("heading", { name: "This webhook endpoint does not exist" })).toBeVisible();
  await fitsEverywhere(page, "endpoint-not-found");

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await fitsEverywhere(page, "page-not-found");
});

test("the endpoint log and an event's detail fit a phone", async ({ page }) => {
  await page.goto(`${ORG}/developers/webhooks/${seeded().endpointId}`);
  await expect(
    page.getByRole("region", { name: "Events" }).getByRole("link", { name: /invoice\.payment_failure/ }),
  ).toBeVisible();
  await fitsEverywhere(page, "endpoint-log");

  await page.goto(`${ORG}/developers/webhooks/${seeded().endpointId}?event=${seeded().failedId}`);
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByRole("heading", { name: "invoice.payment_failure" })).toBeVisible();
  await expect(drawer.getByText("Error response")).toBeVisible();
  await fitsEverywhere(page, "event-detail", '[role="dialog"] > .overflow-y-auto');

  // An endpoint with no event yet shows how to send one (a dark code panel in both themes).
  const empty = await createEndpoint(page.request, `${seeded().receiver.url}/hooks/${tag}/empty`);
  try {
    await page.goto(`${ORG}/developers/webhooks/${empty}`);
    await expect(page.getByRole("heading", { name: "No events yet" })).toBeVisible();
    await fitsEverywhere(page, "endpoint-log-empty");
  } finally {
    await deleteEndpoints(page.request, [empty]);
  }
});

test("on a phone the sidebar is a menu button; its drawer keeps the focus and closes with Escape", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${ORG}/developers/webhooks`);
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expect(menu).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

  await menu.click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(drawer.getByRole("button", { name: "Close menu" })).toBeFocused();
  await expect(drawer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" })).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Sign out" })).toBeVisible();
  for (const scheme of SCHEMES) {
    await showAs(page, PHONE, scheme);
    await screenshot(page, `fit-menu-open-390-${scheme}`, { fullPage: false });
  }
  // Tab goes round inside the drawer, never to the page behind it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // A link followed from the drawer closes it.
  await menu.click();
  await drawer.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/developers\/api-keys$/);
  await expect(drawer).toBeHidden();

  // At desktop width the sidebar is back and the menu button gone.
  await page.setViewportSize(DESKTOP);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(menu).toBeHidden();
});

test("on a phone a log row stacks its fields; on a desktop they sit in one line", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${ORG}/developers/webhooks/${seeded().endpointId}`);
  const events = page.getByRole("region", { name: "Events" });
  const link = events.getByRole("link", { name: /invoice\.payment_failure/ });
  const row = events.getByRole("row").filter({ has: page.getByRole("link", { name: /invoice\.payment_failure/ }) });
  const badge = row.getByText("Failed", { exact: true });
  const time = row.locator("time");

  const phone = {
    link: (await link.boundingBox())!,
    badge: (await badge.boundingBox())!,
    time: (await time.boundingBox())!,
    row: (await row.boundingBox())!,
  };
  expect(phone.badge.y).toBeGreaterThanOrEqual(phone.link.y + phone.link.height);
  expect(Math.abs(phone.time.y - phone.link.y)).toBeLessThan(phone.link.height);
  expect(phone.row.x + phone.row.width).toBeLessThanOrEqual(PHONE.width);

  await page.setViewportSize(DESKTOP);
  const desktop = { link: (await link.boundingBox())!, badge: (await badge.boundingBox())! };
  expect(desktop.badge.y).toBeLessThan(desktop.link.y + desktop.link.height);
  expect(desktop.badge.x).toBeGreaterThan(desktop.link.x + desktop.link.width);
});
