import { expect, test, type Page } from "@playwright/test";
import { runTag, SCHEMES, screenshot, showAs, DESKTOP, ORG, withSeededLog } from "./helpers";

// Keyboard only: the first Tab offers a skip link past the navigation (to the log on an endpoint's page), and a
// focused row of the log shows a ring.

test.describe.configure({ mode: "serial" });

const tag = runTag();
const seeded = withSeededLog(tag);

const focused = (page: Page) => page.locator("*:focus");

test("the first Tab on an endpoint's page is a visible skip link that lands in the log", async ({ page }) => {
  await page.goto(`${ORG}/developers/webhooks/${seeded().endpointId}`);
  await page.keyboard.press("Tab");
  await expect(focused(page)).toHaveText("Skip to log");
  const box = (await focused(page).boundingBox())!;
  expect(box.width).toBeGreaterThan(40);
  expect(box.y).toBeGreaterThanOrEqual(0);
  await screenshot(page, "61-skip-to-log", { fullPage: false });

  await page.keyboard.press("Enter");
  await expect(focused(page)).toHaveId("event-log");
  await page.keyboard.press("Tab");
  await expect(focused(page)).toHaveText("All");
  expect(await focused(page).evaluate((el) => Boolean(el.closest("#event-log")))).toBe(true);
});

test("elsewhere the skip link goes to the page's content, past the sidebar", async ({ page }) => {
  await page.goto(`${ORG}/developers/api-keys`);
  await page.keyboard.press("Tab");
  await expect(focused(page)).toHaveText("Skip to content");
  await page.keyboard.press("Enter");
  await expect(focused(page)).toHaveId("content");
  await page.keyboard.press("Tab");
  expect(await focused(page).evaluate((el) => Boolean(el.closest("main")))).toBe(true);
});

test("a row of the log reached with Tab shows its focus ring, in both themes", async ({ page }) => {
  await page.goto(`${ORG}/developers/webhooks/${seeded().endpointId}`);
  await page.getByRole("searchbox", { name: "Search" }).focus();
  const onRow = () => page.evaluate(() => document.activeElement?.hasAttribute("data-webhook-link") ?? false);
  for (let i = 0; i < 30 && !(await onRow()); i++) await page.keyboard.press("Tab");
  const link = focused(page);
  await expect(link).toHaveAttribute("data-webhook-link", /.+/);

  for (const scheme of SCHEMES) {
    await showAs(page, DESKTOP, scheme);
    // The ring is drawn by the link's ::after, which covers the whole row.
    const ring = await link.evaluate((el) => {
      const after = getComputedStyle(el, "::after");
      return {
        shadow: after.boxShadow,
        width: parseFloat(after.width),
        row: el.closest("tr")!.getBoundingClientRect().width,
      };
    });
    expect(ring.shadow, scheme).toMatch(/(rgb|lab|oklch|color)\(.*\) 0px 0px 0px 2px inset/);
    expect(ring.width).toBeGreaterThan(ring.row - 2);
    await link.evaluate((el) => el.closest("tr")!.scrollIntoView({ block: "center" }));
    await screenshot(page, `62-focused-row-${scheme}`, { fullPage: false });
  }
});
