import { expect, test } from "@playwright/test";
import { API_KEY, screenshot, startReceiver, type Receiver, ORG } from "./helpers";

// The endpoint page is the log: an event row above the fold, a count, the keyboard, and a search that finds a
// webhook by the part of its unique key the row shows, or by the receiver's answer.

test.describe.configure({ mode: "serial" });

const auth = { Authorization: `Bearer ${API_KEY}` };
let receiver: Receiver;
let endpointId: string;

test.beforeAll(async ({ request }) => {
  // Its own endpoints (on its own receiver's port), deleted after: other specs' data is theirs.
  receiver = await startReceiver(200);
  const created = await request.post("/api/v1/webhook_endpoints", {
    headers: auth,
    data: { webhook_endpoint: { webhook_url: `${receiver.url}/log` } },
  });
  expect(created.ok()).toBe(true);
  endpointId = (await created.json()).webhook_endpoint.lago_id;
});

test.afterAll(async ({ request }) => {
  if (endpointId) await request.delete(`/api/v1/webhook_endpoints/${endpointId}`, { headers: auth });
  await receiver?.close();
});

const emit = (request: import("@playwright/test").APIRequestContext, type: string, objectId: string) =>
  request.post("/api/v1/events", {
    headers: auth,
    data: { event: { webhook_type: type, object_type: type.split(".")[0], object: { lago_id: objectId } } },
  });

test("the endpoint page shows events first, counts them, and moves between rows from the keyboard", async ({
  page,
  request,
}) => {
  for (let i = 1; i <= 5; i += 1) expect((await emit(request, "invoice.created", `inv_e2e_${i}`)).status()).toBe(202);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${ORG}/developers/webhooks/${endpointId}`);
  const events = page.getByRole("region", { name: "Events" });
  const rows = events.locator("[data-webhook-link]");
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId("match-count")).toHaveText(/^5\s+events$/);
  // Above the fold: the first row's bottom edge is inside the 900 px viewport without scrolling.
  const box = await rows.first().boundingBox();
  expect(box && box.y + box.height).toBeLessThan(900);
  await screenshot(page, "40-endpoint-page-log-first");

  await rows.first().focus();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/event=/);
  await expect(page.getByRole("dialog")).toBeVisible();
});

test("a part of the unique key finds its event, and the response filter keeps the receiver's errors", async ({
  page,
  request,
}) => {
  receiver.status = 500;
  expect((await emit(request, "credit_note.created", "cn_e2e_1")).status()).toBe(202);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${ORG}/developers/webhooks/${endpointId}`);
  const events = page.getByRole("region", { name: "Events" });
  const failing = events.getByRole("link", { name: "credit_note.created" });
  await expect(failing).toBeVisible();
  await expect(events.getByRole("row").filter({ hasText: "cn_e2e_1" })).toContainText("500", { timeout: 20_000 });
  const key = (await failing.getAttribute("data-webhook-link")) ?? "";
  expect(key).toMatch(/^[0-9a-f-]{36}$/);

  // The visible end of the key, as the row shows it.
  const search = events.getByRole("searchbox", { name: "Search" });
  await search.fill(key.slice(-12));
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${key.slice(-12)}`));
  await expect(events.locator("[data-webhook-link]")).toHaveCount(1);
  await expect(failing).toBeVisible();
  await expect(page.getByTestId("match-count")).toHaveText(/^1\s+matching\s+event$/);
  await screenshot(page, "41-endpoint-log-partial-key");

  // Part of a type, then the response class.
  await search.fill("note");
  await search.press("Enter");
  await expect(events.locator("[data-webhook-link]")).toHaveCount(1);
  await search.fill("");
  await search.press("Enter");
  await expect(events.locator("[data-webhook-link]")).toHaveCount(6);
  await events.getByRole("combobox", { name: "Response" }).selectOption("5xx");
  await expect(page).toHaveURL(/response=5xx/);
  await expect(events.locator("[data-webhook-link]")).toHaveCount(1);
  await expect(failing).toBeVisible();
  await events.getByRole("combobox", { name: "Response" }).selectOption("2xx");
  await expect(events.locator("[data-webhook-link]")).toHaveCount(5);
  await expect(page.getByTestId("match-count")).toHaveText(/^5\s+matching\s+events$/);
  await screenshot(page, "42-endpoint-log-response-filter");
});

test("All events finds an event wherever it went, and its detail shows how each endpoint fared", async ({
  page,
  request,
}) => {
  receiver.status = 200;
  const second = await request.post("/api/v1/webhook_endpoints", {
    headers: auth,
    data: { webhook_endpoint: { webhook_url: `${receiver.url}/second` } },
  });
  expect(second.ok()).toBe(true);
  const secondId = (await second.json()).webhook_endpoint.lago_id as string;
  try {
    expect((await emit(request, "customer.created", "cus_e2e_everywhere")).status()).toBe(202);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${ORG}/developers/webhooks`);
    await page.getByRole("link", { name: "All events" }).click();
    await expect(page).toHaveURL(/\/developers\/webhooks\/events$/);
    const filters = page.getByRole("search", { name: "Filter all events" });
    await filters.getByRole("searchbox", { name: "Search" }).fill("cus_e2e_every");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=cus_e2e_every/);
    const rows = page.locator("[data-webhook-link]");
    await expect(rows).toHaveCount(2);
    await expect(page.getByRole("table")).toContainText(`${receiver.url}/log`);
    await expect(page.getByRole("table")).toContainText(`${receiver.url}/second`);
    await expect(page.getByTestId("all-events-count")).toHaveText("2 events");
    await screenshot(page, "43-all-events-search");

    await filters.getByRole("combobox", { name: "Endpoint" }).selectOption(secondId);
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(rows).toHaveCount(1);
    await expect(page.getByRole("table")).not.toContainText(`${receiver.url}/log`);

    // Its detail, in the endpoint's log: the event went to both endpoints.
    await rows.first().click();
    const dialog = page.getByRole("dialog");
    const sentTo = dialog.getByRole("region", { name: /Sent to/ });
    await expect(sentTo).toContainText("(2 endpoints)");
    await expect(sentTo.getByRole("listitem")).toHaveCount(2);
    await expect(sentTo).toContainText(`${receiver.url}/log`);
    await screenshot(page, "44-event-sent-to");
  } finally {
    await request.delete(`/api/v1/webhook_endpoints/${secondId}`, { headers: auth });
  }
});
