import { expect, test } from "@playwright/test";
import {
  ADMIN,
  axeViolations,
  DESKTOP,
  expectNoHorizontalScroll,
  PHONE,
  SCHEMES,
  screenshot,
  showAs,
  ORG,
} from "./helpers";

// One story, in order: the first visit creates the admin account; sign-out and sign-in follow.
test.describe.serial("operator account", () => {
  test("an anonymous visitor on a fresh install is asked to create the admin account", async ({ page }) => {
    await page.goto(`${ORG}/developers/webhooks`);
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Create the admin account" })).toBeVisible();
    await screenshot(page, "01-setup");

    // The setup page exists only before the first operator, so its phone and dark-mode checks live here.
    for (const size of [PHONE, DESKTOP]) {
      for (const scheme of SCHEMES) {
        await showAs(page, size, scheme);
        await expectNoHorizontalScroll(page, `setup at ${size.width} px, ${scheme}`);
        expect(await axeViolations(page), `setup, ${scheme}`).toEqual([]);
        await screenshot(page, `fit-setup-${size.width}-${scheme}`);
      }
    }
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
    await page.goto(`${ORG}/developers/webhooks`);
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login/);
    await screenshot(page, "03-sign-in");
  });

  test("sign-in never leaves Hookline for a callback on another origin", async ({ page, baseURL }) => {
    for (const callback of ["/%5C127.0.0.1:4900/x", "/%09/127.0.0.1:4900/x", "//127.0.0.1:4900/x"]) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${callback}`);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${baseURL}${ORG}/developers/webhooks`);
    }
    // A callback on this origin is followed.
    await page.context().clearCookies();
    await page.goto("/login?callbackUrl=%2Fdevelopers%2Fapi-keys");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}${ORG}/developers/api-keys`);
  });

  test("signing out ends the operator's sessions everywhere, and a copied session cookie is worthless", async ({
    page,
    browser,
    baseURL,
  }) => {
    const elsewhere = await (await browser.newContext({ baseURL })).newPage();
    await signIn(page);
    await signIn(elsewhere);
    const copied = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    await elsewhere.goto(`${ORG}/developers/webhooks`);
    await expect(elsewhere).toHaveURL(/\/login/);
    const thief = await browser.newContext({ baseURL });
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto(`${ORG}/developers/webhooks`);
    await expect(stolen).toHaveURL(/\/login/);
    expect(await (await stolen.request.get(`/api/dashboard${ORG}/endpoints/x/health`)).status()).toBe(401);
    await elsewhere.context().close();
    await thief.close();
  });

  test("change the password on the Account page: other sessions end, this one goes on", async ({
    page,
    browser,
    baseURL,
  }) => {
    const elsewhere = await (await browser.newContext({ baseURL })).newPage();
    await signIn(page);
    await signIn(elsewhere);
    await page.getByRole("link", { name: "Account" }).click();
    await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
    await screenshot(page, "05-account");

    const changeTo = async (current: string, next: string) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("Confirm new password").fill(next);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await changeTo("not-the-password", "a-brand-new-password");
    await expect(page.getByText("The current password is wrong.").first()).toBeVisible();

    await changeTo(ADMIN.password, "a-brand-new-password");
    await expect(page.getByText("Password changed. Your other sessions have ended.")).toBeVisible();
    await page.goto(`${ORG}/developers/webhooks`);
    await expect(page).toHaveURL(/\/developers\/webhooks$/);
    await elsewhere.goto(`${ORG}/developers/webhooks`);
    await expect(elsewhere).toHaveURL(/\/login/);

    // Back to the suite's password (the other specs sign in with it).
    await page.goto("/account");
    await changeTo("a-brand-new-password", ADMIN.password);
    await expect(page.getByText("Password changed. Your other sessions have ended.")).toBeVisible();
    await elsewhere.context().close();
  });

  test("“Sign out everywhere” ends every session, this one included", async ({ page, browser, baseURL }) => {
    const elsewhere = await (await browser.newContext({ baseURL })).newPage();
    await signIn(page);
    await signIn(elsewhere);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(`${ORG}/developers/webhooks`);
    await expect(page).toHaveURL(/\/login/);
    await elsewhere.goto(`${ORG}/developers/webhooks`);
    await expect(elsewhere).toHaveURL(/\/login/);
    await elsewhere.context().close();
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
    // A new X-Forwarded-For is not a new client: Hookline trusts no proxy unless HOOKLINE_TRUSTED_PROXIES says so.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.77" });
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText("Too many failed attempts");
    await page.setExtraHTTPHeaders({});
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
