import { expect, test } from "@playwright/test";
import { axeViolations, DESKTOP, expectNoHorizontalScroll, PHONE, runTag, screenshot } from "./helpers";

// An operator chooses where Hookline's alerts go (Developers > Alerts): email addresses, an alert webhook whose
// signing secret they reveal to verify it, Slack text, the success-rate threshold; a mistake is shown at its field.

test("choose where alerts go: emails, an alert webhook and its secret, the threshold", async ({ page }) => {
  const tag = runTag();
  await page.setViewportSize(DESKTOP);
  await page.goto("/developers/webhooks");
  await page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/developers\/alerts$/);
  await expect(page.getByRole("heading", { name: "Where alerts go" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();

  // A wrong address is refused at its field and nothing is saved.
  await page.getByLabel("Email addresses").fill("ops@example.com, not-an-email");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByLabel("Email addresses")).toHaveAccessibleDescription(
    '"not-an-email" is not an email address.',
  );

  await page.getByLabel("Email addresses").fill(`ops-${tag}@example.com, oncall@example.com`);
  await page.getByLabel("Alert webhook URL").fill(`https://hooks.example.com/alerts/${tag}`);
  await page.getByLabel("Slack-compatible").check();
  await page.getByLabel("Success rate threshold (%)").fill("80");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Alert settings saved")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Email addresses")).toHaveValue(`ops-${tag}@example.com, oncall@example.com`);
  await expect(page.getByLabel("Alert webhook URL")).toHaveValue(`https://hooks.example.com/alerts/${tag}`);
  await expect(page.getByLabel("Slack-compatible")).toBeChecked();
  await expect(page.getByLabel("Success rate threshold (%)")).toHaveValue("80");

  // The secret is not in the page until asked for.
  expect(await page.content()).not.toContain("whsec_");
  await page.getByRole("button", { name: "Reveal webhook signing secret" }).click();
  await expect(page.getByText(/^whsec_/)).toBeVisible();

  expect(await axeViolations(page)).toEqual([]);
  await expectNoHorizontalScroll(page, "alerts at 1440x900");
  await screenshot(page, "alerts-desktop");
  await page.setViewportSize(PHONE);
  await expectNoHorizontalScroll(page, "alerts at 390x844");
  await screenshot(page, "alerts-phone");
});
