import { expect, test, type Page } from "@playwright/test";
import { API_KEY, ORG } from "./helpers";

// Every page an operator visits carries the security headers, and works under its Content-Security-Policy: no
// script is refused, the dialogs open. The spec makes its own endpoint and deletes it.

const auth = { Authorization: `Bearer ${API_KEY}` };

/** Console errors and uncaught errors of a page (a CSP refusal is logged as a console error). */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function visit(page: Page, path: string): Promise<Record<string, string>> {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await page.waitForLoadState("networkidle");
  return response!.headers();
}

function expectPageHeaders(headers: Record<string, string>): string {
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  return csp.match(/'nonce-([^']+)'/)![1];
}

test("the dashboard's pages carry a nonce CSP and refuse framing, and run without a CSP error", async ({
  page,
  request,
}) => {
  // An endpoint to visit, made for this spec and deleted after (other specs' endpoints are theirs).
  const created = await request.post("/api/v1/webhook_endpoints", {
    headers: auth,
    data: { webhook_endpoint: { webhook_url: `http://127.0.0.1:9/csp-${Date.now()}`, signature_algo: "jwt" } },
  });
  expect(created.status()).toBe(200);
  const endpointId = (await created.json()).webhook_endpoint.lago_id as string;
  try {
    const errors = watch(page);
    const nonces = new Set<string>();
    const pages = [
      `${ORG}/developers/webhooks`,
      `${ORG}/developers/api-keys`,
      `${ORG}/developers/api-reference`,
      "/account",
      `${ORG}/developers/webhooks/${endpointId}`,
    ];
    for (const path of pages) nonces.add(expectPageHeaders(await visit(page, path)));
    expect(nonces.size).toBe(pages.length); // a fresh nonce per page

    // The scripts run: dialogs open, the JWT issuer says where it comes from.
    await visit(page, `${ORG}/developers/webhooks`);
    await expect(page.getByText(/JWT issuer/)).toContainText("from HOOKLINE_PUBLIC_URL");
    await page.getByRole("button", { name: "Add a webhook" }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await visit(page, `${ORG}/developers/api-keys`);
    await page.getByRole("button", { name: "Create API key" }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await request.delete(`/api/v1/webhook_endpoints/${endpointId}`, { headers: auth });
  }
});

test("the sign-in page and unknown pages carry the headers and run without a CSP error", async ({
  browser,
  baseURL,
}) => {
  const page = await (await browser.newContext({ baseURL, storageState: undefined })).newPage();
  const errors = watch(page);
  expectPageHeaders(await visit(page, "/login"));
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  expectPageHeaders(missing!.headers());
  await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: "Back to webhooks" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The failed sign-in (401) and the unknown page (404) are logged by the browser; anything else would be a refusal.
  expect(errors.filter((error) => !/status of (401|404)/.test(error))).toEqual([]);
  await page.context().close();
});

test("API responses may not run or be framed", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});
