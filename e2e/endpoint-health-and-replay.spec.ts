import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { API_KEY, screenshot, startReceiver, type Receiver, ORG } from "./helpers";

// An operator's bad day: the receiver is down and every delivery fails; once it is fixed, "Retry all failed since…"
// sends them again and the progress shows them delivered; the health chart and the list's sparkline tell the story.
// An endpoint that answers 410 Gone is disabled, and says why. The spec makes its own endpoints and deletes them.

test.describe.configure({ mode: "serial" });

const auth = { Authorization: `Bearer ${API_KEY}` };
let flaky: Receiver;
let gone: Receiver;
const mine: string[] = [];
/** A row of the log (its link names the webhook type); the status tabs are links too. */
const EVENT_ROW = /(invoice|customer|subscription|credit_note)\./;

test.beforeAll(async () => {
  flaky = await startReceiver(500);
  gone = await startReceiver(410);
});

test.afterAll(async ({ request }) => {
  for (const id of mine) await request.delete(`/api/v1/webhook_endpoints/${id}`, { headers: auth });
  await flaky?.close();
  await gone?.close();
});

async function addEndpoint(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.post("/api/v1/webhook_endpoints", {
    headers: auth,
    data: { webhook_endpoint: { webhook_url: url, signature_algo: "hmac" } },
  });
  expect(response.status()).toBe(200);
  const id = (await response.json()).webhook_endpoint.lago_id as string;
  mine.push(id);
  return id;
}

async function emit(request: APIRequestContext, webhookType: string, n: number) {
  const response = await request.post("/api/v1/events", {
    headers: auth,
    data: {
      event: {
        webhook_type: webhookType,
        object_type: webhookType.split(".")[0],
        object: { lago_id: `${webhookType}-${n}`, number: `INV-${1000 + n}` },
      },
    },
  });
  expect(response.status()).toBe(202);
}

async function openEndpoint(page: Page, url: string) {
  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { name: url })).toBeVisible();
}

test("the receiver was down: fix it, retry all failed since yesterday, watch them delivered", async ({
  page,
  request,
}) => {
  const url = `${flaky.url}/billing`;
  const endpointId = await addEndpoint(request, url);
  const types = [
    "invoice.created",
    "invoice.payment_failure",
    "customer.updated",
    "subscription.started",
    "invoice.paid_credit_added",
    "credit_note.created",
  ];
  for (const [i, type] of types.entries()) await emit(request, type, i);

  // Each webhook makes its 3 attempts (1 s and 2 s apart in this suite) and fails.
  await expect.poll(() => flaky.received.length, { timeout: 20_000 }).toBe(types.length * 3);
  await openEndpoint(page, url);
  const events = page.getByRole("region", { name: "Events" });
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Failed" }).click();
  await expect(async () => {
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(events.getByRole("link", { name: /invoice\.created/ })).toHaveCount(1, { timeout: 1_000 });
    await expect(events.getByRole("link", { name: EVENT_ROW })).toHaveCount(types.length, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // The health card says it before anyone opens an event.
  await page.reload();
  const health = page.getByRole("region", { name: "Delivery health" });
  await expect(health.getByRole("definition").first()).toHaveText("0.0%");
  await expect(health.getByRole("img", { name: /^Deliveries per/ })).toHaveAttribute(
    "aria-label",
    /6 in all, 0 succeeded, 6 failed/,
  );
  await screenshot(page, "40-endpoint-health-failing");

  // The receiver is fixed. Retry all failed since yesterday (the dialog's default).
  flaky.status = 200;
  const before = flaky.received.length;
  await page.getByRole("button", { name: "Retry all failed…" }).click();
  const dialog = page.getByRole("dialog", { name: "Retry all failed events" });
  const since = dialog.getByLabel("Failed since");
  const defaultSince = new Date(await since.inputValue());
  expect(Math.abs(Date.now() - 24 * 3_600_000 - defaultSince.getTime())).toBeLessThan(5 * 60_000);
  expect(new Date((await since.getAttribute("min")) as string).getTime()).toBeGreaterThan(
    Date.now() - 14 * 24 * 3_600_000,
  );
  await screenshot(page, "41-retry-all-failed-dialog");
  await dialog.getByRole("button", { name: "Retry failed events" }).click();
  await expect(dialog).toBeHidden();

  const progress = page.getByRole("status", { name: "Retry progress" });
  await expect(progress).toContainText("6 queued");
  await expect(progress).toContainText("All 6 events delivered");
  await expect(progress).toContainText("6 delivered · 0 failed again · 0 in progress");
  await screenshot(page, "42-retry-progress");

  // Each was sent once more under its original unique key.
  const resent = flaky.received.slice(before);
  expect(resent).toHaveLength(types.length);
  const keys = new Set(resent.map((r) => r.headers["x-lago-unique-key"]));
  expect(keys.size).toBe(types.length);
  expect(flaky.received.slice(0, before).every((r) => keys.has(r.headers["x-lago-unique-key"]))).toBe(true);
  // The log caught up: nothing is left under Failed.
  await expect(events.getByRole("link", { name: EVENT_ROW })).toHaveCount(0);
  await page.getByRole("button", { name: "Dismiss retry progress" }).click();
  await expect(progress).toBeHidden();

  // The health card: all delivered now, with response times; per day over 30 days too.
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "All" }).click();
  await page.reload();
  await expect(health.getByRole("definition").first()).toHaveText("100.0%");
  await expect(health.getByRole("img", { name: /^Deliveries per/ })).toHaveAttribute(
    "aria-label",
    /per hour over the last 24 hours: 6 in all, 6 succeeded, 0 failed/,
  );
  await expect(health.getByText("Median response")).toBeVisible();
  await expect(health.getByRole("definition").nth(4)).toHaveText(/^\d+(\.\d)? m?s$/);
  await screenshot(page, "43-endpoint-health-recovered");
  await health.getByRole("button", { name: "30 days" }).click();
  await expect(health.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(health.getByRole("img", { name: /^Deliveries per/ })).toHaveAttribute(
    "aria-label",
    /per day over the last 30 days: 6 in all/,
  );
  await screenshot(page, "44-endpoint-health-30-days");

  // The list shows it at a glance.
  await page.goto(`${ORG}/developers/webhooks`);
  const row = page.getByRole("row").filter({ hasText: url });
  await expect(
    row.getByRole("img", { name: /Last 24 hours: 6 deliveries in 24 hours, 100\.0% succeeded, 0 failed/ }),
  ).toBeVisible();
  await expect(row).toContainText("100.0% · 6 in 24 h");
  await screenshot(page, "45-endpoint-list-sparkline");

  // The same through the API: nothing failed is left to replay; more than 14 days back is refused.
  const replay = (since: string) =>
    request.post(`/api/v1/webhook_endpoints/${endpointId}/replay`, { headers: auth, data: { since } });
  const ok = await replay(new Date(Date.now() - 3_600_000).toISOString());
  expect(ok.status()).toBe(202);
  expect((await ok.json()).replay.count).toBe(0);
  const old = await replay(new Date(Date.now() - 15 * 24 * 3_600_000).toISOString());
  expect(old.status()).toBe(422);
  expect((await old.json()).error_details.since[0]).toMatch(/^Failed events can be retried up to 14 days back/);
});

test("an endpoint that answers 410 Gone is disabled, with the reason on the list and the endpoint", async ({
  page,
  request,
}) => {
  const url = `${gone.url}/retired`;
  await addEndpoint(request, url);
  await emit(request, "invoice.created", 99);
  await expect.poll(() => gone.received.length).toBe(1);

  const reason = "Disabled automatically: the endpoint answered 410 Gone";
  await expect(async () => {
    await page.goto(`${ORG}/developers/webhooks`);
    await expect(page.getByRole("row").filter({ hasText: url })).toContainText("Disabled", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const row = page.getByRole("row").filter({ hasText: url });
  await expect(row).toContainText(reason);
  await screenshot(page, "46-disabled-after-410-list");

  await openEndpoint(page, url);
  await expect(page.getByText(reason).first()).toBeVisible();
  // Sent once only: the retry was not sent to a disabled endpoint.
  await page.waitForTimeout(1_500);
  expect(gone.received).toHaveLength(1);
  await screenshot(page, "47-disabled-after-410-endpoint");
});
