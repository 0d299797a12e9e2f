import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  API_KEY,
  DESKTOP,
  deleteEndpoints,
  endpointsUnder,
  ORG,
  PHONE,
  screenshot,
  startReceiver,
  type Receiver,
} from "./helpers";

// The guide's "Accessing the webhook logs", "Accessing a specific event" and "Errors and retries", as an operator
// follows them, against real receivers on loopback: one that succeeds and one that fails until it is fixed. The spec
// makes its own endpoints (on its receivers' own ports) and deletes them at the end.

test.describe.configure({ mode: "serial" });

const auth = { Authorization: `Bearer ${API_KEY}` };
let healthy: Receiver;
let broken: Receiver;

test.beforeAll(async () => {
  healthy = await startReceiver(200);
  broken = await startReceiver(500);
});

test.afterAll(async ({ request }) => {
  for (const receiver of [healthy, broken]) {
    if (receiver)
      await deleteEndpoints(
        request,
        (await endpointsUnder(request, `${receiver.url}/`)).map((e) => e.lago_id),
      );
  }
  await healthy?.close();
  await broken?.close();
});

async function emit(request: APIRequestContext, webhookType: string, object: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", {
    headers: auth,
    data: { event: { webhook_type: webhookType, object_type: webhookType.split(".")[0], object } },
  });
  expect(response.status()).toBe(202);
  return (await response.json()) as { webhooks: { id: string; endpoint_id: string }[] };
}

async function addWebhook(page: Page, url: string, signature: "JWT" | "HMAC") {
  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("button", { name: "Add a webhook" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add a webhook" });
  await dialog.getByLabel("Webhook URL").fill(url);
  await dialog.getByRole("radio", { name: new RegExp(`^${signature}`) }).check();
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  await expect(dialog).toBeHidden();
}

function property(drawer: Locator, label: string): Locator {
  return drawer.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
}

test("deliver events, read the log, open a failed event, fix the receiver and retry it", async ({ page, request }) => {
  test.slow(); // the whole story, with three attempts to wait for and eight screenshots
  await addWebhook(page, `${healthy.url}/hooks`, "HMAC");
  await addWebhook(page, `${broken.url}/hooks`, "JWT");

  await emit(request, "invoice.created", {
    lago_id: "inv_001",
    number: "INV-001",
    total_amount_cents: 12_000,
    currency: "EUR",
  });
  await expect.poll(() => healthy.received.length).toBe(1);
  await expect.poll(() => broken.received.length).toBeGreaterThanOrEqual(1);

  // The HMAC receiver verifies what it got with the endpoint's secret, revealed the way an operator would get it.
  const delivery = healthy.received[0];
  expect(delivery.headers["x-lago-signature-algorithm"]).toBe("hmac");
  expect(JSON.parse(delivery.body)).toMatchObject({
    webhook_type: "invoice.created",
    object_type: "invoice",
    invoice: { lago_id: "inv_001" },
  });

  // 1-3: Developers via the sidebar, the Webhooks tab, click the endpoint.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Developers" }).click();
  await page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "Webhooks" }).click();
  await page.getByRole("link", { name: `${broken.url}/hooks` }).click();
  await expect(page.getByRole("heading", { name: `${broken.url}/hooks` })).toBeVisible();
  const events = page.getByRole("region", { name: "Events" });
  await expect(events.getByRole("link", { name: /invoice\.created/ })).toHaveCount(1);
  await screenshot(page, "20-endpoint-log");

  // 4: a new event arrives; the reload icon brings it in.
  await emit(request, "customer.created", { lago_id: "cus_001", external_id: "acme", name: "Acme Corp" });
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(events.getByRole("link", { name: /customer\.created/ })).toHaveCount(1);
  await screenshot(page, "21-endpoint-log-reloaded");

  // Filter the failed ones: Failed means the last attempt failed, so the event is there while it still retries (its
  // badge says which); wait until it has exhausted its attempts (schedule 1s,2s in this suite).
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Failed" }).click();
  await expect(page).toHaveURL(/status=failed/);
  const failedRow = events.getByRole("row").filter({ has: page.getByRole("link", { name: /invoice\.created/ }) });
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow).toContainText(/Retrying|Failed/);
  await expect(async () => {
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(failedRow.getByText("Failed", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await screenshot(page, "22-endpoint-log-failed");

  // Accessing a specific event: properties, the JSON payload, and the error response.
  await events.getByRole("link", { name: /invoice\.created/ }).click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByRole("heading", { name: "invoice.created" })).toBeVisible();
  for (const label of ["Timestamp", "Webhook URL", "Unique key", "Webhook type", "Response", "Number of retries"]) {
    await expect(property(drawer, label)).toBeVisible();
  }
  await expect(property(drawer, "Webhook URL")).toHaveText(`${broken.url}/hooks`);
  await expect(property(drawer, "Webhook type")).toHaveText("invoice.created");
  await expect(property(drawer, "Response")).toContainText("500");
  await expect(property(drawer, "Number of retries")).toHaveText("2");
  const uniqueKey = (await property(drawer, "Unique key").innerText()).trim();
  expect(broken.received.every((r) => r.headers["x-lago-unique-key"] !== undefined)).toBe(true);
  expect(broken.received.filter((r) => r.headers["x-lago-unique-key"] === uniqueKey)).toHaveLength(3);
  await expect(drawer.getByText('"lago_id": "inv_001"')).toBeVisible();
  await expect(drawer.getByText('"error": "receiver is down"').first()).toBeVisible();
  await screenshot(page, "23-failed-event-detail");

  // The newest attempt is open: the request as sent (signature headers included) and the answer's headers.
  const attempts = drawer.getByRole("region", { name: /^Attempts/ });
  await expect(attempts.getByRole("listitem")).toHaveCount(3);
  const newest = attempts.getByRole("listitem", { name: "Attempt 3" });
  await expect(newest.getByRole("button", { expanded: true })).toBeVisible();
  const sent = newest.getByRole("table", { name: "Request headers" });
  const sentHeader = (name: string) => sent.getByRole("row", { name: new RegExp(`^${name} `) }).getByRole("cell");
  await expect(sentHeader("X-Lago-Unique-Key")).toHaveText(uniqueKey);
  await expect(sentHeader("X-Lago-Signature-Algorithm")).toHaveText("jwt");
  const lastTry = broken.received.filter((r) => r.headers["x-lago-unique-key"] === uniqueKey).at(-1)!;
  await expect(sentHeader("X-Lago-Signature")).toHaveText(String(lastTry.headers["x-lago-signature"]));
  await expect(newest.getByText(`POST ${broken.url}/hooks`)).toBeVisible();
  const answered = newest.getByRole("table", { name: "Response headers" });
  await expect(answered.getByRole("row", { name: /^content-type / }).getByRole("cell")).toHaveText("application/json");
  // An older attempt opens on demand.
  const oldest = attempts.getByRole("listitem", { name: "Attempt 1" });
  await oldest.getByRole("button", { expanded: false }).click();
  await expect(attempts.getByRole("table", { name: "Request headers" })).toHaveCount(2);
  await oldest.getByRole("button", { expanded: true }).click();
  await expect(attempts.getByRole("table", { name: "Request headers" })).toHaveCount(1);

  // Copy as curl, pasted into a shell: the receiver gets the same body and signature again.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await newest.getByRole("button", { name: "Copy as curl" }).click();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toMatch(/^curl -X POST '/);
  const replayed = broken.received.length;
  // Not execFileSync: the receiver answers from this very process.
  await promisify(execFile)("sh", ["-c", `${command} --silent --output /dev/null`]);
  expect(broken.received).toHaveLength(replayed + 1);
  const copy = broken.received.at(-1)!;
  expect(copy.body).toBe(lastTry.body);
  for (const header of ["x-lago-signature", "x-lago-unique-key", "content-type", "user-agent"])
    expect(copy.headers[header]).toBe(lastTry.headers[header]);

  // The detail with its headers, at both sizes and in both themes.
  await newest.scrollIntoViewIfNeeded();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await newest.getByRole("table", { name: "Request headers" }).scrollIntoViewIfNeeded();
      await screenshot(page, `23-attempt-headers-${size.width}-${colorScheme}`, { fullPage: false });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(DESKTOP);

  // Errors and retries: fix the receiver, press Retry once (it cannot be double-fired), see it succeed.
  broken.status = 200;
  const attemptsOf = (key: string) => broken.received.filter((r) => r.headers["x-lago-unique-key"] === key).length;
  const retry = drawer.getByRole("button", { name: "Retry" });
  // Three automatic attempts and the curl copy above reached the receiver; the retry is one more request.
  const beforeRetry = attemptsOf(uniqueKey);
  expect(beforeRetry).toBe(4);
  await retry.click();
  await expect(page.getByText(/Webhook delivered: 200 OK\. Number of retries: 3\./)).toBeVisible();
  await expect(property(drawer, "Number of retries")).toHaveText("3");
  await expect(property(drawer, "Response")).toContainText("200");
  await expect(drawer.getByRole("button", { name: "Retry" })).toHaveCount(0);
  expect(attemptsOf(uniqueKey)).toBe(beforeRetry + 1);
  await screenshot(page, "24-retried-event");

  // The JWT the fixed receiver got verifies with the public key from the API, and carries the exact body.
  const publicKey = Buffer.from(
    await (await request.get("/api/v1/webhooks/public_key", { headers: auth })).text(),
    "base64",
  ).toString();
  const last = broken.received.findLast((r) => r.headers["x-lago-unique-key"] === uniqueKey)!;
  const [header, claims, signature] = String(last.headers["x-lago-signature"]).split(".");
  const verified = crypto.verify(
    "RSA-SHA256",
    Buffer.from(`${header}.${claims}`),
    publicKey,
    Buffer.from(signature, "base64url"),
  );
  expect(verified).toBe(true);
  expect(JSON.parse(Buffer.from(claims, "base64url").toString()).data).toBe(last.body);

  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("send a test event from the endpoint page and see it arrive", async ({ page }) => {
  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("link", { name: `${healthy.url}/hooks` }).click();
  const before = healthy.received.length;
  await page.getByRole("button", { name: "Send test event" }).click();
  const dialog = page.getByRole("dialog", { name: "Send test event" });
  await dialog.getByLabel("Event type").selectOption("subscription.started");
  await screenshot(page, "25-send-test-event");
  await dialog.getByRole("button", { name: "Send test event" }).click();
  await expect.poll(() => healthy.received.length).toBe(before + 1);
  expect(JSON.parse(healthy.received.at(-1)!.body)).toMatchObject({
    webhook_type: "subscription.started",
    object_type: "subscription",
  });
  await expect(
    page.getByRole("region", { name: "Events" }).getByRole("link", { name: /subscription\.started/ }),
  ).toHaveCount(1);
});
