import { expect, test, type Page } from "@playwright/test";
import { screenshot } from "./helpers";

// The guide's "Adding a webhook URL", step by step, then each refusal with its message.
async function openAddWebhook(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Developers" }).click(); // 1. Developers via the sidebar
  await page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "Webhooks" }).click(); // 2. the Webhooks tab
  await page.getByRole("button", { name: "Add a webhook" }).first().click(); // 3. Add a webhook
  return page.getByRole("dialog", { name: "Add a webhook" });
}

async function addWebhook(page: Page, url: string, signature: "JWT" | "HMAC") {
  const dialog = await openAddWebhook(page);
  await dialog.getByLabel("Webhook URL").fill(url); // 4. the URL
  await dialog.getByRole("radio", { name: new RegExp(`^${signature}`) }).check(); // 5. JWT or HMAC
  await dialog.getByRole("button", { name: "Add webhook" }).click(); // 6. confirm
  return dialog;
}

test("add a JWT endpoint and an HMAC endpoint and see both listed", async ({ page }) => {
  const dialog = await openAddWebhook(page);
  await expect(dialog.getByLabel("Webhook URL")).toBeFocused();
  await expect(dialog.getByText("A possibly lengthy payload header, with potential size limits.")).toBeVisible();
  await expect(dialog.getByText("A shorter payload header, with no size restrictions.")).toBeVisible();
  await screenshot(page, "05-add-a-webhook-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await addWebhook(page, "https://billing.example.com/webhooks/jwt", "JWT");
  await expect(page.getByRole("dialog")).toBeHidden();
  await addWebhook(page, "https://billing.example.com/webhooks/hmac", "HMAC");
  await expect(page.getByRole("dialog")).toBeHidden();

  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "https://billing.example.com/webhooks/jwt" })).toContainText("JWT");
  await expect(rows.filter({ hasText: "https://billing.example.com/webhooks/hmac" })).toContainText("HMAC");
  await screenshot(page, "06-webhooks-listed");
});

test("each refusal is explained and adds nothing", async ({ page }) => {
  const cases: [string, string][] = [
    ["ftp://billing.example.com/hook", "The webhook URL must be a valid http:// or https:// address."],
    [`https://example.com/${"x".repeat(2040)}`, "The webhook URL must be at most 2,048 characters."],
    ["https://billing.example.com/webhooks/jwt", "This webhook URL is already registered."],
  ];
  for (const [url, message] of cases) {
    const dialog = await addWebhook(page, url, "HMAC");
    await expect(dialog.getByRole("alert")).toHaveText(message);
    await screenshot(page, `07-refused-${cases.findIndex(([u]) => u === url)}`);
  }
  await page.goto("/developers/webhooks");
  await expect(page.getByTestId("endpoint-usage")).toHaveText("2 of 5 endpoints");
});

test("at the limit, Add is disabled and says why before any form is filled", async ({ page }) => {
  for (let i = 3; i <= 5; i++) {
    await addWebhook(page, `https://billing.example.com/webhooks/${i}`, "HMAC");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  await expect(page.getByTestId("endpoint-usage")).toHaveText("5 of 5 endpoints");
  const add = page.getByRole("button", { name: "Add a webhook" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription("The limit is reached: delete an endpoint to add another.");
  await screenshot(page, "08-refused-sixth");
});
