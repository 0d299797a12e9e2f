// The web process of `npm start` (scripts/start.mjs): Next.js through its programmatic API for every request, except
// POST /api/v1/events and /api/v1/events/batch, which lib/api/lean-events.ts answers from Node's request without
// Next's routing and Web streams (the same lib functions as the route files; README, Performance). The handler comes
// from instrumentation.ts, which Next starts in prepare() and which offers it after boot(): the lean path reuses Next's
// build of lib/, so the process holds one copy of it, and nothing is answered before the settings are checked and the
// migrations run.
// Usage: node scripts/web.mjs <port> [hostname]
import http from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.argv[2]);
const hostname = process.argv[3] || undefined;
process.env.NODE_ENV = "production";
// As `next start` does: where the server reaches itself. (PORT is the launcher's, read by lib/config.ts as ever.)
process.env.__NEXT_PRIVATE_ORIGIN = `http://${!hostname || hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;

const app = next({ dev: false, dir: root, hostname, port });
let handle = null;
// The port opens at once and requests wait for Next to be ready, as under `next start`.
const ready = app.prepare().then(() => {
  handle = app.getRequestHandler();
  console.log(`[hookline] web server ready on ${process.env.__NEXT_PRIVATE_ORIGIN}`);
  // prepare() starts instrumentation.ts without waiting for it: the lean path appears once boot() is done (until
  // then Next answers those requests too, after its own wait for instrumentation).
  let checks = 0;
  const announce = setInterval(() => {
    if (!globalThis.hooklineLeanEvents) {
      if ((checks += 1) > 1200) clearInterval(announce); // a minute: off (HOOKLINE_LEAN_EVENTS=off)
      return;
    }
    clearInterval(announce);
    console.log("[hookline] POST /api/v1/events and /api/v1/events/batch: answered without Next's pipeline");
  }, 50);
  announce.unref();
});
ready.catch((error) => {
  console.error("[hookline] the web server cannot start:", error);
  process.exit(1);
});

const server = http.createServer(async (request, response) => {
  try {
    if (!handle) await ready;
    // Set by instrumentation.ts after boot() (lib/api/lean-events.ts); absent with HOOKLINE_LEAN_EVENTS=off.
    if (globalThis.hooklineLeanEvents?.(request, response)) return;
    await handle(request, response);
  } catch (error) {
    console.error(`[hookline] failed to handle ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end("Internal Server Error");
  }
});
server.on("error", (error) => {
  console.error("[hookline] the web server cannot listen:", error);
  process.exit(1);
});
server.listen(port, hostname);

// As `next start`: stop taking connections, let the requests in flight finish, then exit with the signal's code.
// (With the worker inline, boot() has its own handlers, which finish the deliveries in flight.)
let closing = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => void app.close().finally(() => process.exit(code)));
  });
}
