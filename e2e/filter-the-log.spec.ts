import { expect, test } from "@playwright/test";
import { API_KEY, screenshot, startReceiver, type Receiver, ORG } from "./helpers";

// Filtering an endpoint's log: the webhook type is searched on the server (a log with hundreds of types stays a
// small page), and a hand-edited link whose filter cannot be right says so instead of failing.

test.describe.configure({ mode: "serial" });

const auth = { Authorization: `Bearer ${API_KEY}` };
const TYPES = 300;
let receiver: Receiver;
let endpointId: string;

test.beforeAll(async ({ request }) => {
  // Its own endpoint (on its own receiver's port), deleted after: other specs' data is theirs.
  receiver = await startReceiver(200);
  const created = await request.post("/api/v1/webhook_endpoints", {
    headers: auth,
    data: { webhook_endpoint: { webhook_url: `${receiver.url}/types` } },
  });
  expect(created.ok()).toBe(true);
  endpointId = (await created.json()).webhook_endpoint.lago_id;
});

test.afterAll(async ({ request }) => {
  if (endpointId) await request.delete(`/api/v1/webhook_endpoints/${endpointId}`, { headers: auth });
  await receiver?.close();
});

const typeName = (i: number) => `e2e_type_${String(i).padStart(4, "0")}.created`;

test("find a webhook type among hundreds by searching, on a page that does not carry them all", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const url = `${ORG}/developers/webhooks/${endpointId}`;
  const emit = (type: string) =>
    request.post("/api/v1/events", {
      headers: auth,
      data: { event: { webhook_type: type, object_type: "thing", object: { lago_id: type } } },
    });
  const emitAll = async (types: string[]) => {
    for (let start = 0; start < types.length; start += 50) {
      for (const answer of await Promise.all(types.slice(start, start + 50).map(emit)))
        expect(answer.status()).toBe(202);
    }
  };
  // A full first page of one type (names as long as the others), so the rows shown weigh the same before and after.
  await emitAll(Array.from({ length: 60 }, () => "e2e_type_base.created"));
  const before = (await (await page.request.get(url)).text()).length;
  await emitAll(Array.from({ length: TYPES }, (_, i) => typeName(i)));
  const after = (await (await page.request.get(url)).text()).length;
  // Listing every type made the page grow by their names, twice (HTML and the RSC payload): about 40 KB here.
  expect(after - before, `page grew from ${before} to ${after} bytes`).toBeLessThan(15_000);
  expect((await emit("invoice.created")).status()).toBe(202);

  await page.goto(url);
  const events = page.getByRole("region", { name: "Events" });
  const typeFilter = events.getByRole("combobox", { name: "Webhook type" });
  await typeFilter.click();
  await expect(page.getByRole("option", { name: "All types" })).toBeVisible();
  await expect(page.getByRole("listbox", { name: "Webhook types" })).toContainText("keep typing to narrow the list");
  await typeFilter.fill("0299");
  await expect(page.getByRole("option", { name: typeName(299) })).toBeVisible();
  await screenshot(page, "30-endpoint-log-type-search");
  await page.getByRole("option", { name: typeName(299) }).click();
  await expect(page).toHaveURL(new RegExp(`type=${typeName(299).replace(".", "\\.")}`));
  await expect(typeFilter).toHaveValue(typeName(299));
  await expect(events.getByRole("link", { name: new RegExp(typeName(299).replace(".", "\\.")) })).toHaveCount(1);
  await expect(events.getByRole("link", { name: /invoice\.created/ })).toHaveCount(0);
  await screenshot(page, "31-endpoint-log-one-type");

  // Back to every type, from the keyboard.
  await typeFilter.fill("");
  await typeFilter.press("Enter");
  await expect(page).not.toHaveURL(/type=/);
  await expect(events.getByRole("link", { name: /invoice\.created/ })).toHaveCount(1);
});

test("a link whose filter cannot be right says why, and Clear filters shows the log", async ({ page }) => {
  const url = `${ORG}/developers/webhooks/${endpointId}`;
  for (const [query, reason] of [
    ["q=%00", "The search must not contain control characters."],
    [
      "from=-271821-04-20T00:00:00Z",
      "From date must be a day (2026-11-26) or an ISO 8601 date and time (2026-11-26T09:00:00Z).",
    ],
    ["from=0000-01-01", "From date must be between the years 0001 and 9999."],
  ]) {
    const response = await page.goto(`${url}?${query}`);
    expect(response?.status()).toBe(200);
    const alert = page.getByRole("region", { name: "Events" }).getByRole("alert");
    await expect(alert).toContainText("These filters are not valid");
    await expect(alert).toContainText(reason);
  }
  await screenshot(page, "32-endpoint-log-invalid-filter");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(
    page.getByRole("region", { name: "Events" }).getByRole("link", { name: /invoice\.created/ }),
  ).toHaveCount(1);

  // An id no endpoint can have is the endpoint's "does not exist" page, not the error boundary.
  await page.goto(`${ORG}/developers/webhooks/a%00b`);
  await expect(page.getByRole("heading", { name: "This webhook endpoint does not exist" })).toBeVisible();
});
