import { expect, test } from "@playwright/test";
import { screenshot, ORG } from "./helpers";

// A developer reads the API reference: every operation of the OpenAPI document, then how to verify a delivery in
// their language. The page is the document rendered on the server, behind the session like the rest.

type Document = {
  paths: Record<string, Record<string, { summary: string }>>;
  webhooks: Record<string, { post: { summary: string } }>;
};

test("read the API reference: every operation of the OpenAPI document, and how to verify each signature", async ({
  page,
  request,
}) => {
  test.slow(); // a long page, server-rendered from the whole document
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/developers\/api-reference$/);
  await expect(
    page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "API reference" }),
  ).toHaveAttribute("aria-current", "page");

  // The same document the API serves, publicly.
  const served = await request.get("/api/v1/openapi.json");
  expect(served.status()).toBe(200);
  const document = (await served.json()) as Document;
  for (const tag of ["Events", "Webhook endpoints", "Webhooks", "OpenAPI"]) {
    await expect(page.getByRole("heading", { level: 2, name: tag, exact: true })).toBeVisible();
  }
  // One heading per operation of the document: method, path and summary.
  const expected = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => `${method.toUpperCase()}${path}${operation.summary}`),
  );
  expect(expected.length).toBeGreaterThanOrEqual(11);
  const headings = (await page.getByRole("heading", { level: 3 }).allTextContents()).map((text) =>
    text.replace(/\s+/g, ""),
  );
  for (const heading of expected) expect(headings, heading).toContain(heading.replace(/\s+/g, ""));

  // One operation in full: its body's fields, an example request and its answers.
  const create = page.getByRole("article", { name: /^POST\s*\/webhook_endpoints\s*Create an endpoint$/ });
  await expect(
    create
      .getByRole("table", { name: "Request body of POST /webhook_endpoints" })
      .getByRole("rowheader", { name: "webhook_url" }),
  ).toBeVisible();
  await expect(create.getByLabel("Example request for POST /webhook_endpoints", { exact: true })).toContainText(
    '-d \'{"webhook_endpoint":',
  );
  await expect(create.locator("summary").filter({ hasText: /^422/ })).toContainText(
    "A field is missing, unknown or invalid",
  );

  await expect(
    page.getByRole("table", { name: "Lago's error body" }).getByRole("rowheader", { name: "error_details" }),
  ).toBeVisible();

  // Verify signatures: one section per scheme, snippets behind language tabs.
  await page
    .getByRole("navigation", { name: "API reference" })
    .getByRole("link", { name: "Verify signatures" })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Verify signatures" })).toBeVisible();
  for (const { post } of Object.values(document.webhooks)) {
    await expect(page.getByRole("heading", { level: 3, name: post.summary })).toBeVisible();
  }
  const hmac = page.getByRole("article", { name: /^HMAC/ });
  const tabs = hmac.getByRole("tablist", { name: /^Verify: HMAC/ });
  await expect(tabs.getByRole("tab", { name: "Node.js" })).toHaveAttribute("aria-selected", "true");
  await expect(hmac.getByRole("tabpanel")).toContainText("timingSafeEqual");
  await tabs.getByRole("tab", { name: "Python" }).click();
  await expect(hmac.getByRole("tabpanel")).toContainText("hmac.compare_digest");
  // Arrow keys move between the tabs.
  await page.keyboard.press("ArrowRight");
  await expect(tabs.getByRole("tab", { name: "Go" })).toBeFocused();
  await expect(hmac.getByRole("tabpanel")).toContainText("hmac.Equal");
  await expect(page.getByRole("article", { name: /^Standard Webhooks/ }).getByRole("tabpanel")).toContainText(
    "standardwebhooks",
  );

  // Its axe check, in both themes, is dark-mode.spec.ts's: axe on this long page is the slowest step of the suite.
  await page.evaluate(() => window.scrollTo(0, 0));
  // The window, not the full page: a full-page shot of this long page takes most of a minute.
  await screenshot(page, "api-reference", { fullPage: false });
  await hmac.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/artifacts/api-reference-verify-signatures.png" });
  expect(errors).toEqual([]);
});

test("the API reference is behind the session; the OpenAPI document is public", async ({ browser }) => {
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await anonymous.newPage();
  await page.goto(`${ORG}/developers/api-reference`);
  await expect(page).toHaveURL(/\/login/);
  const served = await anonymous.request.get("/api/v1/openapi.json");
  expect(served.status()).toBe(200);
  expect(((await served.json()) as { openapi: string }).openapi).toBe("3.1.0");
  await anonymous.close();
});
