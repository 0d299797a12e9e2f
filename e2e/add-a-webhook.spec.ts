import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { deleteEndpoints, endpointsUnder, runTag, screenshot, ORG } from "./helpers";

// The guide's "Adding a webhook URL", step by step, then each refusal with its message. The spec's endpoints live
// under a path of their own, counts are taken from what is there when a test starts, and all are deleted at the end.

test.describe.configure({ mode: "serial" });

const ours = `https://billing.example.com/${runTag()}/`;
const url = (name: string) => `${ours}webhooks/${name}`;
const LIMIT = 5;

test.afterAll(async ({ request }) => {
  await deleteEndpoints(
    request,
    (await endpointsUnder(request, ours)).map((e) => e.lago_id),
  );
});

async function endpointCount(request: APIRequestContext): Promise<number> {
  return (await endpointsUnder(request, "")).length;
}

async function openAddWebhook(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Developers" }).click(); // 1. Developers via the sidebar
  await page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "Webhooks" }).click(); // 2. the Webhooks tab
  await page.getByRole("button", { name: "Add a webhook" }).first().click(); // 3. Add a webhook
  return page.getByRole("dialog", { name: "Add a webhook" });
}

async function addWebhook(page: Page, webhookUrl: string, signature: "JWT" | "HMAC") {
  const dialog = await openAddWebhook(page);
  await dialog.getByLabel("Webhook URL").fill(webhookUrl); // 4. the URL
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

  await addWebhook(page, url("jwt"), "JWT");
  await expect(page.getByRole("dialog")).toBeHidden();
  await addWebhook(page, url("hmac"), "HMAC");
  await expect(page.getByRole("dialog")).toBeHidden();

  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: url("jwt") })).toContainText("JWT");
  await expect(rows.filter({ hasText: url("hmac") })).toContainText("HMAC");
  await screenshot(page, "06-webhooks-listed");
});

test("each refusal is explained and adds nothing", async ({ page, request }) => {
  const taken = url("taken");
  await addWebhook(page, taken, "JWT");
  await expect(page.getByRole("dialog")).toBeHidden();
  const before = await endpointCount(request);
  const cases: [string, string][] = [
    ["ftp://billing.example.com/hook", "The webhook URL must be a valid http:// or https:// address."],
    [`https://example.com/${"x".repeat(2040)}`, "The webhook URL must be at most 2,048 characters."],
    [taken, "This webhook URL is already registered."],
  ];
  for (const [index, [refused, message]] of cases.entries()) {
    const dialog = await addWebhook(page, refused, "HMAC");
    await expect(dialog.getByRole("alert")).toHaveText(message);
    await screenshot(page, `07-refused-${index}`);
  }
  await page.goto(`${ORG}/developers/webhooks`);
  await expect(page.getByTestId("endpoint-usage")).toHaveText(`${before} of ${LIMIT} endpoints`);
  expect(await endpointCount(request)).toBe(before);
});

test("at the limit, Add is disabled and says why before any form is filled", async ({ page, request }) => {
  // Fill the list up to the limit, whatever was there before.
  for (let i = await endpointCount(request); i < LIMIT; i++) {
    await addWebhook(page, url(`fill-${i}`), "HMAC");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  await page.goto(`${ORG}/developers/webhooks`);
  await expect(page.getByTestId("endpoint-usage")).toHaveText(`${LIMIT} of ${LIMIT} endpoints`);
  const add = page.getByRole("button", { name: "Add a webhook" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription("The limit is reached: delete an endpoint to add another.");
  await screenshot(page, "08-refused-sixth");
  expect(await endpointCount(request)).toBe(LIMIT);
});
