import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startReceiver as startLoopbackReceiver, type ReceivedRequest } from "@/lib/test/receivers";

export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery-staple" };
export const API_KEY = "hl_e2e_test_key_0123456789abcdef";
/** The Default organization's pages: every dashboard URL names its organization. */
export const ORG = "/o/00000000-0000-7000-8000-000000000001";

/**
 * Screenshots are for people to look at, not checks: `npm test` takes them in its first browser run (SQLite), not
 * in the second (E2E_SECOND_RUN=1, PostgreSQL), whose screens are the same.
 */
const SCREENSHOTS = process.env.E2E_SECOND_RUN !== "1";

/** Saves a full-page screenshot under e2e/artifacts, named after the screen (see SCREENSHOTS). */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage });
}

export type Receiver = {
  /** `http://127.0.0.1:<port>`: each spec adds its own path. */
  url: string;
  received: ReceivedRequest[];
  /** What it answers from now on. */
  status: number;
  close(): Promise<void>;
};

/** The shared loopback receiver (lib/test/receivers.ts) answering `status` as JSON; a spec may change it while it runs. */
export async function startReceiver(status = 200): Promise<Receiver> {
  const receiver = await startLoopbackReceiver((_request, response) => {
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(answer.status < 300 ? `{"received":true}` : `{"error":"receiver is down","code":${answer.status}}`);
  });
  const answer: Receiver = { url: receiver.origin, received: receiver.requests, status, close: receiver.close };
  return answer;
}

export const API_AUTH = { Authorization: `Bearer ${API_KEY}` };
export const INSTALLATION_AUTH = { Authorization: "Bearer hl_e2e_installation_key_0123456789" };

/** A tag unique to this test run: specs name their endpoints with it, so none depends on another's data. */
export function runTag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates an endpoint through the Lago-compatible API; returns its id. */
export async function createEndpoint(
  request: APIRequestContext,
  url: string,
  options: { name?: string; signature?: "jwt" | "hmac" | "standard" } = {},
): Promise<string> {
  const response = await request.post("/api/v1/webhook_endpoints", {
    headers: API_AUTH,
    data: { webhook_endpoint: { webhook_url: url, signature_algo: options.signature ?? "hmac", name: options.name } },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).webhook_endpoint.lago_id as string;
}

/** Deletes the endpoints a spec made (and only those), whatever state the spec ended in. */
export async function deleteEndpoints(request: APIRequestContext, ids: Iterable<string>): Promise<void> {
  for (const id of ids) await request.delete(`/api/v1/webhook_endpoints/${id}`, { headers: API_AUTH });
}

/** Endpoints whose URL starts with `prefix`, through the API. */
export async function endpointsUnder(
  request: APIRequestContext,
  prefix: string,
): Promise<{ lago_id: string; webhook_url: string }[]> {
  const list = await request.get("/api/v1/webhook_endpoints?per_page=100", { headers: API_AUTH });
  expect(list.ok()).toBe(true);
  return ((await list.json()).webhook_endpoints as { lago_id: string; webhook_url: string }[]).filter((e) =>
    e.webhook_url.startsWith(prefix),
  );
}

/** Emits an event through the API; returns the webhooks it created (one per matching endpoint). */
export async function emitEvent(request: APIRequestContext, webhookType: string, object: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", {
    headers: API_AUTH,
    data: { event: { webhook_type: webhookType, object_type: webhookType.split(".")[0], object } },
  });
  expect(response.status()).toBe(202);
  return (await response.json()) as { webhooks: { id: string; endpoint_id: string }[] };
}

/** The page is no wider than the window: no horizontal scroll, at whatever size the page is shown. */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    // The deepest elements that stick out on the right, to name in the failure.
    const out = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5,
    );
    const deepest = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      culprits: deepest.slice(0, 5).map(name),
    };
  });
  expect(
    scrollWidth,
    `${what}: the page is ${scrollWidth} px wide in a ${innerWidth} px window; ${culprits.join("; ")}`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** WCAG 2.0 and 2.1 A and AA violations on the page (or inside `selector`), one line each. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (selector) builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary?.split("\n")[1]?.trim() ?? ""})`).join(", ")}`,
  );
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };
export const SCHEMES = ["light", "dark"] as const;

/** An endpoint with a long URL and name, three delivered events and one that failed every attempt. */
export async function seedLog(page: Page, receiver: Receiver, tag: string) {
  const url = `${receiver.url}/hooks/${tag}/billing-service-production-receiver`;
  const endpointId = await createEndpoint(page.request, url, { name: `Billing service, production (${tag})` });
  const types = ["invoice.created", "customer.updated", "subscription.started"];
  for (const [i, type] of types.entries())
    await emitEvent(page.request, type, { lago_id: `${tag}-${i}`, external_id: `acme-${i}` });
  await expect.poll(() => receiver.received.filter((r) => r.body.includes(tag)).length).toBe(types.length);

  // The receiver goes down for one event: it fails its three attempts (1 s and 2 s apart in this suite).
  receiver.status = 500;
  const failed = await emitEvent(page.request, "invoice.payment_failure", {
    lago_id: `inv_${tag}_${"0123456789abcdef".repeat(3)}`,
    amount_cents: 12_000,
  });
  const failedId = failed.webhooks.find((w) => w.endpoint_id === endpointId)!.id;
  const detailUrl = `/api/dashboard${ORG}/endpoints/${endpointId}/webhooks/${failedId}`;
  await expect
    .poll(async () => (await (await page.request.get(detailUrl)).json()).status, { timeout: 20_000 })
    .toBe("failed");
  receiver.status = 200;
  return { url, endpointId, failedId };
}

export type SeededLog = Awaited<ReturnType<typeof seedLog>> & { receiver: Receiver };

/**
 * For a spec's top level: seeds the log (seedLog, with a receiver of its own) before the spec's tests and deletes the
 * endpoint after them. Returns a getter for the tests (the seed exists only once beforeAll has run).
 */
export function withSeededLog(tag: string): () => SeededLog {
  let seeded: SeededLog | undefined;
  let receiver: Receiver | undefined;
  test.beforeAll(async ({ browser }) => {
    receiver = await startReceiver(200);
    const page = await browser.newPage({ storageState: "test-results/operator.json" });
    seeded = { ...(await seedLog(page, receiver, tag)), receiver };
    await page.close();
  });
  test.afterAll(async ({ request }) => {
    if (seeded) await deleteEndpoints(request, [seeded.endpointId]);
    await receiver?.close();
  });
  return () => {
    if (!seeded) throw new Error("withSeededLog: the log is seeded in beforeAll; read it inside a test");
    return seeded;
  };
}

/** Window size and colour scheme, then a frame for charts and layout to follow and the colour transitions to end. */
export async function showAs(
  page: Page,
  size: { width: number; height: number } | null,
  scheme: (typeof SCHEMES)[number],
): Promise<void> {
  if (size) await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    );
  });
}

/** How light the page's background is: 0 for black, 1 for white (whatever colour syntax the browser computes). */
export async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const context = document.createElement("canvas").getContext("2d")!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...context.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}
