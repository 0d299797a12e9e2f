import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "@/lib/test/receivers";
import { curlCommand, shellQuote } from "./copy-as-curl";

const run = promisify(execFile);
let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe("Copy as curl", () => {
  it("quotes for a POSIX shell, quotes inside included", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("$HOME `x` \\n")).toBe("'$HOME `x` \\n'");
  });

  it("leaves out Host and Content-Length, which curl writes itself", () => {
    const command = curlCommand(
      "https://example.com/hook",
      [
        ["Host", "example.com"],
        ["Content-Length", "2"],
        ["X-A", "1"],
      ],
      "{}",
    );
    expect(command).toBe(`curl -X POST 'https://example.com/hook' \\\n  -H 'X-A: 1' \\\n  --data-raw '{}'`);
  });

  it("replayed by a shell, the receiver gets the same headers and the same body, byte for byte", async () => {
    receiver = await startReceiver();
    const body = JSON.stringify({ note: 'it\'s $HOME `pwd` \\ "quoted" €', at: "@file", line: "a\nb" });
    const headers: [string, string][] = [
      ["Content-Type", "application/json"],
      ["User-Agent", "Hookline-Webhooks/1.0"],
      ["X-Lago-Signature", "a'b+c/d=="],
      ["X-Lago-Unique-Key", "0190a1b2-c3d4-7e5f-8a9b-0123456789ab"],
      ["Content-Length", String(Buffer.byteLength(body))],
      ["Host", "ignored.example"],
    ];
    await run("sh", ["-c", `${curlCommand(receiver.url, headers, body)} --silent --output /dev/null`]);
    const [received] = await receiver.waitFor(1);
    expect(received.body).toBe(body);
    for (const [name, value] of headers.slice(0, 4)) expect(received.headers[name.toLowerCase()]).toBe(value);
    expect(received.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });
});
