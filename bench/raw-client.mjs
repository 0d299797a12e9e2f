// The raw ceiling: plain HTTP POSTs of one body to the receiver with a keep-alive agent at a fixed concurrency,
// no database, no signing, in its own process (as the app's worker is). Prints { requests, ms, perSecond } as JSON.
import http from "node:http";

const [url, concurrencyText, durationText, bodyFile] = process.argv.slice(2);
const { readFileSync } = await import("node:fs");
const body = Buffer.from(readFileSync(bodyFile, "utf8"));
const concurrency = Number(concurrencyText);
const durationMs = Number(durationText);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: "lifo" });
const headers = {
  "Content-Type": "application/json",
  "User-Agent": "Hookline-Webhooks/1.0",
  "Content-Length": String(body.length),
};

function post() {
  return new Promise((resolve, reject) => {
    const request = http.request(target, { method: "POST", agent, headers }, (response) => {
      response.on("data", () => undefined);
      response.on("end", resolve);
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

let failed = 0;
const warmUntil = performance.now() + Math.min(1000, durationMs / 5);
const stopAt = warmUntil + durationMs;
let counted = 0;
let countFrom = 0;
async function lane() {
  while (performance.now() < stopAt) {
    try {
      await post();
      const t = performance.now();
      if (t >= warmUntil) {
        if (!countFrom) countFrom = t;
        counted += 1;
      }
    } catch {
      failed += 1;
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
const ms = performance.now() - countFrom;
process.stdout.write(JSON.stringify({ requests: counted, failed, ms, perSecond: (counted / ms) * 1000 }) + "\n");
agent.destroy();
