import type { Page } from "@playwright/test";
import { startReceiver as startLoopbackReceiver, type ReceivedRequest } from "@/lib/test/receivers";

export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery-staple" };
export const API_KEY = "hl_e2e_test_key_0123456789abcdef";

/** Saves a full-page screenshot under e2e/artifacts, named after the screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
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
