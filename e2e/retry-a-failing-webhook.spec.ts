import type { ServerResponse } from "node:http";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { startReceiver as startLoopbackReceiver } from "@/lib/test/receivers";
import { ADMIN, API_KEY, screenshot as shoot, startReceiver, type Receiver, ORG } from "./helpers";

// The guide's "if a webhook fails, click the retry button", under the production retry schedule (5 s, 5 min, 30 min,
// ... for 28 hours): this spec runs on its own server without the suite's short schedule (playwright.config.ts).
// A 500 leaves the webhook retrying for hours; the operator fixes the receiver and sends it now; resends a delivered
// one; stops the retries of another; and sees an attempt in flight.

test.describe.configure({ mode: "serial" });

const auth = { Authorization: `Bearer ${API_KEY}` };
let flaky: Receiver;
let flakyEndpoint: string;
let held: { url: string; readonly received: number; release: () => void; close: () => Promise<void> };
let heldEndpoint: string;
const keys: Record<string, string> = {};

/** The shared loopback receiver keeping each request waiting until `release()`: its delivery stays in flight meanwhile. */
async function startHeldReceiver(): Promise<typeof held> {
  const waiting: ServerResponse[] = [];
  const receiver = await startLoopbackReceiver((_request, response) => void waiting.push(response));
  return {
    url: `${receiver.origin}/held`,
    get received() {
      return receiver.requests.length;
    },
    release: () => waiting.splice(0).forEach((response) => response.writeHead(200).end("{}")),
    close: receiver.close,
  };
}

async function addEndpoint(request: APIRequestContext, url: string, eventTypes: string[]): Promise<string> {
  const response = await request.post("/api/v1/webhook_endpoints", {
    headers: auth,
    data: { webhook_endpoint: { webhook_url: url, signature_algo: "hmac", event_types: eventTypes } },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).webhook_endpoint.lago_id as string;
}

async function emit(request: APIRequestContext, webhookType: string, lagoId: string): Promise<string> {
  const response = await request.post("/api/v1/events", {
    headers: auth,
    data: { event: { webhook_type: webhookType, object_type: webhookType.split(".")[0], object: { lago_id: lagoId } } },
  });
  expect(response.status()).toBe(202);
  return (await response.json()).webhooks[0].id as string;
}

/** The screen as the operator sees it at 1440x900 (the drawer is fixed: a full-page shot would misplace it). */
const screenshot = (page: Page, name: string) => shoot(page, name, { fullPage: false });

const sent = (key: string) => flaky.received.filter((r) => r.headers["x-lago-unique-key"] === key).length;

function property(drawer: Locator, label: string): Locator {
  return drawer.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
}

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/developers\/webhooks$/);
}

async function openEvent(page: Page, endpointId: string, webhookType: string): Promise<Locator> {
  await page.goto(`${ORG}/developers/webhooks/${endpointId}`);
  await page.getByRole("region", { name: "Events" }).getByRole("link", { name: webhookType }).click();
  const drawer = page.getByRole("dialog", { name: webhookType });
  await expect(drawer.getByRole("heading", { name: webhookType })).toBeVisible();
  return drawer;
}

test.beforeAll(async ({ request }) => {
  flaky = await startReceiver(500);
  held = await startHeldReceiver();
  flakyEndpoint = await addEndpoint(request, `${flaky.url}/billing`, ["invoice.created", "customer.created"]);
  heldEndpoint = await addEndpoint(request, held.url, ["credit_note.created"]);
});

test.afterAll(async () => {
  held?.release();
  await flaky?.close();
  await held?.close();
});

test("a webhook answered 500 shows Retry now; the operator fixes the receiver, retries, and sees 200 with the retry count up", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  keys.invoice = await emit(request, "invoice.created", "inv_500");
  keys.customer = await emit(request, "customer.created", "cus_500");
  await signIn(page);
  // The schedule's first wait is 5 s: after the second attempt the next one is minutes away, and nothing else runs.
  await expect.poll(() => [sent(keys.invoice), sent(keys.customer)], { timeout: 15_000 }).toEqual([2, 2]);

  const drawer = await openEvent(page, flakyEndpoint, "invoice.created");
  const row = page.getByRole("region", { name: "Events" }).getByRole("row").filter({ hasText: "invoice.created" });
  await expect(row.getByRole("button", { name: "Retry now: invoice.created" })).toBeVisible();
  await expect(drawer.getByText("Retrying", { exact: true }).first()).toBeVisible();
  await expect(property(drawer, "Response")).toContainText("500");
  await expect(property(drawer, "Number of retries")).toHaveText("1");
  await expect(drawer.getByText(/The last attempt failed\. Next automatic attempt at/)).toBeVisible();
  const detail = await (
    await page.request.get(`/api/dashboard${ORG}/endpoints/${flakyEndpoint}/webhooks/${keys.invoice}`)
  ).json();
  // The default schedule: the third attempt would come about 5 minutes after the second.
  expect(Date.parse(detail.nextAttemptAt) - Date.now()).toBeGreaterThan(3 * 60_000);
  await expect(drawer.getByRole("button", { name: "Stop retrying" })).toBeVisible();
  await screenshot(page, "50-retrying-event-retry-now");

  flaky.status = 200;
  await drawer.getByRole("button", { name: "Retry now", exact: true }).click();
  await expect(page.getByText("Webhook delivered: 200 OK. Number of retries: 2.")).toBeVisible();
  await expect(property(drawer, "Number of retries")).toHaveText("2");
  await expect(property(drawer, "Response")).toContainText("200 OK");
  await expect(drawer.getByText("Succeeded", { exact: true }).first()).toBeVisible();
  await expect(drawer.getByRole("button", { name: /Retry now|Stop retrying/ })).toHaveCount(0);
  await expect(drawer.getByRole("button", { name: "Resend" })).toBeVisible();
  expect(sent(keys.invoice)).toBe(3);
  await expect(drawer.getByText("Manual", { exact: true })).toHaveCount(1);
  await screenshot(page, "51-retried-event-delivered");
});

test("resend a delivered webhook, after a confirmation, under the same unique key", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const drawer = await openEvent(page, flakyEndpoint, "invoice.created");
  await drawer.getByRole("button", { name: "Resend" }).click();
  const confirm = page.getByRole("dialog", { name: "Resend this event?" });
  await expect(confirm).toContainText("same unique key");
  await screenshot(page, "52-resend-confirmation");
  await confirm.getByRole("button", { name: "Resend event" }).click();
  await expect(page.getByText("Webhook resent: 200 OK. Number of retries: 3.")).toBeVisible();
  await expect(property(drawer, "Number of retries")).toHaveText("3");
  expect(sent(keys.invoice)).toBe(4);
  await expect(drawer.getByText("Manual", { exact: true })).toHaveCount(2);
});

test("stop retrying a webhook: it is failed with the operator's name; Retry now in its row still sends it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const drawer = await openEvent(page, flakyEndpoint, "customer.created");
  await expect(drawer.getByText("Retrying", { exact: true }).first()).toBeVisible();
  await drawer.getByRole("button", { name: "Stop retrying" }).click();
  const confirm = page.getByRole("dialog", { name: "Stop retrying this event?" });
  await screenshot(page, "53-stop-retrying-confirmation");
  await confirm.getByRole("button", { name: "Stop retrying" }).click();
  await expect(page.getByText("Retries stopped: the event is failed. Retry now still sends it.")).toBeVisible();
  await expect(drawer.getByText("Failed", { exact: true }).first()).toBeVisible();
  await expect(property(drawer, "Why it stopped")).toHaveText(`Retries stopped by ${ADMIN.email}`);
  await expect(drawer.getByRole("button", { name: "Stop retrying" })).toHaveCount(0);
  await screenshot(page, "54-retries-stopped");
  expect(sent(keys.customer)).toBe(2);

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  const row = page.getByRole("region", { name: "Events" }).getByRole("row").filter({ hasText: "customer.created" });
  await row.getByRole("button", { name: "Retry now: customer.created" }).click();
  await expect(page.getByText("Webhook delivered: 200 OK. Number of retries: 2.")).toBeVisible();
  await expect(row.getByText("Succeeded")).toBeVisible();
  expect(sent(keys.customer)).toBe(3);
});

test("an event being sent shows Sending… since when it left, not Not sent yet", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await emit(request, "credit_note.created", "cn_1");
  await expect.poll(() => held.received).toBe(1);
  const drawer = await openEvent(page, heldEndpoint, "credit_note.created");
  await expect(property(drawer, "Response")).toContainText(/Sending… since \d\d:\d\d:\d\d/);
  await expect(drawer.getByRole("button", { name: /Retry now|Resend/ })).toHaveCount(0);
  await screenshot(page, "55-event-in-flight");
  held.release();
  await expect(drawer.getByText("Succeeded", { exact: true }).first()).toBeVisible();
  await expect(property(drawer, "Response")).toContainText("200 OK");
});
