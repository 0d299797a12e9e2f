import { expect, test } from "@playwright/test";
import { ADMIN, screenshot } from "./helpers";

// One story, in order: the first visit creates the admin account; sign-out and sign-in follow.
test.describe.serial("operator account", () => {
  test("an anonymous visitor on a fresh install is asked to create the admin account", async ({ page }) => {
    await page.goto("/developers/webhooks");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Create the admin account" })).toBeVisible();
    await screenshot(page, "01-setup");
  });

  test("create the admin account, refusing mismatched passwords first", async ({ page }) => {
    await page.goto("/setup");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill("something-else-entirely");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("The passwords do not match.").first()).toBeVisible();

    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/developers\/webhooks$/);
    await expect(page.getByRole("heading", { name: "Developers" })).toBeVisible();
    await screenshot(page, "02-webhooks-empty");
  });

  test("sign out, then the dashboard sends an anonymous visitor to sign-in", async ({ page }) => {
    await signIn(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/developers/webhooks");
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login/);
    await screenshot(page, "03-sign-in");
  });

  test("a wrong password shows a clear error, and repeated failures are rate limited", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
    await screenshot(page, "04-sign-in-wrong-password");

    // The limit is 3 per email in this suite (HOOKLINE_LOGIN_MAX_FAILURES): a fourth try is refused outright.
    for (let i = 0; i < 3; i++) {
      await page.getByLabel("Email").fill("intruder@example.com");
      await page.getByLabel("Password").fill(`guess-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("form").getByRole("alert")).toBeVisible();
    }
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText("Too many failed attempts");
  });

  test("sign in and keep the session for the dashboard specs", async ({ page }) => {
    await signIn(page);
    await expect(page.getByText(`Signed in as ${ADMIN.email}`)).toBeVisible();
    await page.context().storageState({ path: "test-results/operator.json" });
  });
});

async function signIn(page: import("@playwright/test").Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/developers\/webhooks$/);
}
