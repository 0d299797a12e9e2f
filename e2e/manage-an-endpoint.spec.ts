import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { after, reply, startReceiver as startLoopbackReceiver } from "@/lib/test/receivers";
import { ADMIN, API_KEY, runTag, screenshot, startReceiver, type Receiver, ORG } from "./helpers";

// Managing endpoints as an operator does: edit the URL and event types, disable and enable, rotate and reveal secrets,
// rotate the JWT signing key, add a Standard Webhooks endpoint, delete with confirmation. The spec makes its own
// endpoints, and deletes them at the end.

test.describe.configure({ mode: "serial" });

const auth = { Authorization: `Bearer ${API_KEY}` };
let receiver: Receiver;
// Every endpoint of this spec has this in its path, and only those are deleted at the end.
const mine = `/manage-${runTag()}/`;
const url = (path: string) => `${receiver.url}${mine}${path}`;

type ApiEndpoint = { lago_id: string; webhook_url: string };

async function endpoints(request: APIRequestContext): Promise<ApiEndpoint[]> {
  const list = await request.get("/api/v1/webhook_endpoints?per_page=100", { headers: auth });
  expect(list.ok()).toBe(true);
  return (await list.json()).webhook_endpoints;
}

test.beforeAll(async () => {
  receiver = await startReceiver(200);
});

test.afterAll(async ({ request }) => {
  // Whatever happened above, leave none of ours behind.
  for (const endpoint of await endpoints(request)) {
    if (endpoint.webhook_url.includes(mine)) {
      await request.delete(`/api/v1/webhook_endpoints/${endpoint.lago_id}`, { headers: auth });
    }
  }
  await receiver?.close();
});

async function emit(request: APIRequestContext, webhookType: string) {
  const response = await request.post("/api/v1/events", {
    headers: auth,
    data: {
      event: {
        webhook_type: webhookType,
        object_type: webhookType.split(".")[0],
        object: { lago_id: `${webhookType}-1` },
      },
    },
  });
  expect(response.status()).toBe(202);
  return (await response.json()) as { webhooks: { id: string; endpoint_id: string }[] };
}

async function addWebhook(
  page: Page,
  webhookUrl: string,
  signature: "JWT" | "HMAC" | "Standard Webhooks",
  shot?: string,
) {
  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("button", { name: "Add a webhook" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add a webhook" });
  await dialog.getByLabel("Webhook URL").fill(webhookUrl);
  await dialog.getByRole("radio", { name: new RegExp(`^${signature}`) }).check();
  // Event types are optional: all of them unless chosen.
  await expect(dialog.getByRole("radio", { name: /^All event types/ })).toBeChecked();
  if (shot) await screenshot(page, shot);
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  await expect(dialog).toBeHidden();
}

async function openEndpoint(page: Page, webhookUrl: string) {
  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("link", { name: webhookUrl }).click();
  await expect(page.getByRole("heading", { name: webhookUrl })).toBeVisible();
}

/** WCAG A/AA violations inside `selector` (the parts this spec is about, not the whole page). */
async function axeViolations(page: Page, selector: string) {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa"]).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function openMenuItem(page: Page, name: string) {
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name }).click();
}

test("edit an endpoint's URL, name and event types; only the chosen types reach it", async ({ page, request }) => {
  await addWebhook(page, url("first"), "HMAC");
  await openEndpoint(page, url("first"));
  await expect(page.getByRole("region", { name: "Event types" })).toContainText("All event types");

  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit endpoint" });
  await dialog.getByLabel("Webhook URL").fill(url("billing"));
  await dialog.getByLabel("Name").fill("Billing service");
  await dialog.getByRole("radio", { name: /^Selected event types/ }).check();
  const search = dialog.getByRole("searchbox", { name: "Search event types" });
  await search.fill("invoice.pay");
  // Select all of a group (as filtered by the search), then one more type from another group.
  await dialog.getByRole("checkbox", { name: "All invoice events" }).check();
  await expect(dialog.getByText("4 selected")).toBeVisible();
  await search.fill("");
  await dialog.getByRole("checkbox", { name: "customer.created" }).check();
  await dialog.getByRole("checkbox", { name: "invoice.payment_overdue" }).uncheck();
  await expect(dialog.getByText("4 selected")).toBeVisible();
  await search.fill("invoice");
  await screenshot(page, "30-edit-endpoint");
  expect(await axeViolations(page, "dialog[open]")).toEqual([]);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole("heading", { name: url("billing") })).toBeVisible();
  await expect(page.getByText("Billing service")).toBeVisible();
  const chosen = page.getByRole("list", { name: "Selected event types" });
  await expect
    .poll(async () => (await chosen.getByRole("listitem").allInnerTexts()).sort())
    .toEqual([
      "customer.created",
      "invoice.payment_dispute_lost",
      "invoice.payment_failure",
      "invoice.payment_status_updated",
    ]);
  await screenshot(page, "31-endpoint-edited");

  const endpointId = page.url().split("/").pop()!.split("?")[0];
  const wanted = await emit(request, "customer.created");
  const unwanted = await emit(request, "customer.updated");
  expect(wanted.webhooks.map((w) => w.endpoint_id)).toContain(endpointId);
  expect(unwanted.webhooks.map((w) => w.endpoint_id)).not.toContain(endpointId);
  await expect.poll(() => receiver.received.filter((r) => r.body.includes("customer.created")).length).toBe(1);
});

test("disable an endpoint with a reason, see it in the list, and enable it again", async ({ page, request }) => {
  await openEndpoint(page, url("billing"));
  await openMenuItem(page, "Disable endpoint");
  const dialog = page.getByRole("dialog", { name: "Disable this endpoint?" });
  await expect(dialog.getByLabel(/Reason/)).toHaveAttribute("placeholder", `Disabled by ${ADMIN.email}`);
  await dialog.getByLabel(/Reason/).fill("Receiver is moving to a new host");
  await screenshot(page, "32-disable-endpoint");
  await dialog.getByRole("button", { name: "Disable endpoint" }).click();
  await expect(dialog).toBeHidden();

  const banner = page.getByRole("status").filter({ hasText: "This endpoint is disabled" });
  await expect(banner).toContainText("Receiver is moving to a new host");
  await expect(page.locator("header").getByText("Disabled", { exact: true })).toBeVisible();
  await screenshot(page, "33-endpoint-disabled");
  expect(await axeViolations(page, "#endpoint-settings")).toEqual([]);
  await page.getByRole("button", { name: "More actions" }).click();
  await expect(page.getByRole("menu", { name: "More actions" })).toBeVisible();
  expect(await axeViolations(page, '[role="menu"]')).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(page.getByRole("button", { name: "More actions" })).toBeFocused();

  // Nothing is sent while disabled.
  const endpointId = page.url().split("/").pop()!.split("?")[0];
  expect((await emit(request, "customer.created")).webhooks.map((w) => w.endpoint_id)).not.toContain(endpointId);

  await page.goto(`${ORG}/developers/webhooks`);
  const row = page.getByRole("row").filter({ hasText: url("billing") });
  await expect(row).toContainText("Disabled");
  await expect(row).toContainText("Receiver is moving to a new host");
  await expect(row).toContainText("4 event types");
  await screenshot(page, "34-list-disabled-reason");

  // Re-enable: one click from the banner.
  await openEndpoint(page, url("billing"));
  await banner.getByRole("button", { name: "Enable endpoint" }).click();
  await expect(banner).toBeHidden();
  await expect(page.locator("header").getByText("Enabled", { exact: true })).toBeVisible();
  expect((await emit(request, "customer.created")).webhooks.map((w) => w.endpoint_id)).toContain(endpointId);

  // Disabled without a reason: who did it is recorded. Then enabled from the menu.
  await openMenuItem(page, "Disable endpoint");
  await page
    .getByRole("dialog", { name: "Disable this endpoint?" })
    .getByRole("button", { name: "Disable endpoint" })
    .click();
  await expect(banner).toContainText(`Disabled by ${ADMIN.email}`);
  await openMenuItem(page, "Enable endpoint");
  await expect(banner).toBeHidden();
});

test("an event waiting for an endpoint that gets disabled is marked failed with the reason, never lost silently", async ({
  page,
  request,
}) => {
  // A receiver that answers 500 after 2.5 s: the first attempt is still in flight while the operator disables.
  const slow = await startLoopbackReceiver(after(2_500, reply(500, "busy")));
  const slowUrl = `${slow.origin}${mine}slow`;
  try {
    await addWebhook(page, slowUrl, "HMAC");
    await openEndpoint(page, slowUrl);
    await emit(request, "invoice.created");
    await openMenuItem(page, "Disable endpoint");
    const dialog = page.getByRole("dialog", { name: "Disable this endpoint?" });
    await dialog.getByLabel(/Reason/).fill("Receiver is overloaded");
    await dialog.getByRole("button", { name: "Disable endpoint" }).click();
    await expect(dialog).toBeHidden();

    // Its retry finds the endpoint disabled: failed, with the reason, ready to be retried once enabled.
    const events = page.getByRole("region", { name: "Events" });
    await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Failed" }).click();
    await expect(async () => {
      await page.getByRole("button", { name: "Reload" }).click();
      await expect(events.getByRole("link", { name: /invoice\.created/ })).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await events.getByRole("link", { name: /invoice\.created/ }).click();
    const drawer = page.getByRole("dialog");
    await expect(
      drawer.getByText("Not sent: the endpoint is disabled (Receiver is overloaded).").first(),
    ).toBeVisible();
    await screenshot(page, "35-disabled-event-reason");
    await page.keyboard.press("Escape");

    await openMenuItem(page, "Delete endpoint");
    await page
      .getByRole("dialog", { name: "Delete this endpoint?" })
      .getByRole("button", { name: "Delete endpoint and its log" })
      .click();
    await expect(page).toHaveURL(/\/developers\/webhooks$/);
  } finally {
    await slow.close();
  }
});

test("add a Standard Webhooks endpoint, reveal its secret, rotate it and see the overlap", async ({
  page,
  request,
}) => {
  await addWebhook(page, url("standard"), "Standard Webhooks", "36-add-standard-webhooks");
  await expect(page.getByRole("row").filter({ hasText: url("standard") })).toContainText("Standard Webhooks");
  await openEndpoint(page, url("standard"));

  const panel = page.getByRole("region", { name: /Signing secret/ });
  const secretBox = panel.getByRole("textbox", { name: "Signing secret" });
  await expect(secretBox).toHaveValue(/^whsec_•+$/);
  await panel.getByRole("button", { name: "Reveal" }).click();
  await expect(secretBox).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const oldSecret = await secretBox.inputValue();
  await screenshot(page, "37-secret-revealed");

  // What the receiver gets verifies with the official library and the revealed secret.
  const before = receiver.received.length;
  await emit(request, "invoice.created");
  await expect.poll(() => receiver.received.length).toBeGreaterThan(before);
  const first = receiver.received.find((r, i) => i >= before && r.headers["webhook-signature"])!;
  expect(new Webhook(oldSecret).verify(first.body, first.headers as Record<string, string>)).toMatchObject({
    webhook_type: "invoice.created",
  });

  await panel.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await expect(confirm).toContainText("For the next 24 hours, every delivery carries two signatures");
  await confirm.getByRole("button", { name: "Rotate secret" }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByText(/The previous secret stops working at/)).toBeVisible();
  const newSecret = await secretBox.inputValue();
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(oldSecret);
  await expect(
    page.getByRole("region", { name: "Events" }).getByRole("link", { name: /invoice\.created/ }),
  ).toHaveCount(1);
  await screenshot(page, "38-secret-rotated");
  expect(await axeViolations(page, "#endpoint-settings")).toEqual([]);

  // During the overlap both secrets verify the same delivery.
  const count = receiver.received.length;
  await emit(request, "invoice.created");
  await expect.poll(() => receiver.received.length).toBeGreaterThan(count);
  const during = receiver.received.slice(count).find((r) => r.headers["webhook-signature"])!;
  expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
  for (const secret of [oldSecret, newSecret])
    expect(new Webhook(secret).verify(during.body, during.headers as Record<string, string>)).toBeTruthy();

  // The notice stays after a reload, until the overlap ends.
  await page.reload();
  await expect(panel.getByText(/Rotation in progress\. The previous secret stops working at/)).toBeVisible();
});

test("a JWT endpoint explains its public key; the installation key rotates with the old one listed until the overlap ends", async ({
  page,
  request,
}) => {
  await page.goto(`${ORG}/developers/webhooks`);
  const section = page.getByRole("region", { name: "Signing key" });
  await expect(section.getByText("Current key")).toBeVisible();
  const oldKey = await (await request.get("/api/v1/webhooks/public_key", { headers: auth })).text();
  await section.getByRole("button", { name: "Rotate key" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate the signing key?" });
  await confirm.getByRole("button", { name: "Rotate key" }).click();
  await expect(confirm).toBeHidden();
  await expect(section.getByText("Previous key")).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, "39-signing-key-rotated");
  expect(await axeViolations(page, "#signing-keys")).toEqual([]);

  const current = await (await request.get("/api/v1/webhooks/public_key", { headers: auth })).text();
  expect(current).not.toBe(oldKey);
  const json = (await (await request.get("/api/v1/webhooks/json_public_key", { headers: auth })).json()) as {
    webhook: Record<string, string>;
  };
  expect(json.webhook).toMatchObject({ public_key: current, previous_public_key: oldKey });
  expect(new Date(json.webhook.previous_expires_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);

  // The endpoint page of a JWT endpoint points at the public key instead of a secret.
  await page.goto(`${ORG}/developers/webhooks`);
  await page.getByRole("link", { name: url("billing") }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit endpoint" });
  await dialog.getByRole("radio", { name: /^JWT/ }).check();
  await expect(dialog.getByText(/must verify JWT signatures/)).toBeVisible();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  const key = page.getByRole("region", { name: /Public key/ });
  await expect(key).toContainText("/api/v1/webhooks/public_key");
  await expect(key.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await screenshot(page, "48-jwt-public-key");
});

test("delete an endpoint after a confirmation that says its log goes with it", async ({ page, request }) => {
  await openEndpoint(page, url("billing"));
  await openMenuItem(page, "Delete endpoint");
  const dialog = page.getByRole("dialog", { name: "Delete this endpoint?" });
  await expect(dialog).toContainText("Its log goes with it");
  await expect(dialog).toContainText(url("billing"));
  await screenshot(page, "49-delete-endpoint");
  // Cancel keeps it.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await openMenuItem(page, "Delete endpoint");
  await dialog.getByRole("button", { name: "Delete endpoint and its log" }).click();
  await expect(page).toHaveURL(/\/developers\/webhooks$/);
  await expect(page.getByRole("link", { name: url("billing") })).toHaveCount(0);

  await openEndpoint(page, url("standard"));
  await openMenuItem(page, "Delete endpoint");
  await page
    .getByRole("dialog", { name: "Delete this endpoint?" })
    .getByRole("button", { name: "Delete endpoint and its log" })
    .click();
  await expect(page).toHaveURL(/\/developers\/webhooks$/);
  await screenshot(page, "50-after-delete");

  const ours = (await endpoints(request)).filter((e) => e.webhook_url.includes(mine));
  expect(ours).toEqual([]);
});
