import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery-staple" };
export const API_KEY = "hl_e2e_test_key_0123456789abcdef";

/** Saves a full-page screenshot under e2e/artifacts, named after the screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
}

export type Receiver = {
  url: string;
  received: { headers: http.IncomingHttpHeaders; body: string }[];
  status: number;
  close(): Promise<void>;
};

/** A webhook receiver on loopback answering `status` (changeable while it runs). */
export async function startReceiver(status = 200): Promise<Receiver> {
  const receiver: Receiver = { url: "", received: [], status, close: async () => undefined };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(receiver.status, { "content-type": "application/json" });
      response.end(receiver.status < 300 ? `{"received":true}` : `{"error":"receiver is down","code":${receiver.status}}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
