import { createHmac, createPublicKey, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { jwtVerify } from "jose";

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  /** The client's port: the same on two requests means one kept-alive connection. */
  remotePort: number | undefined;
};

export type Receiver = {
  /** `http://127.0.0.1:<port>`: add a path of your own. */
  origin: string;
  /** `<origin>/webhooks`. */
  url: string;
  requests: ReceivedRequest[];
  /** Resolves once `count` requests have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
};

/** Answers a request; `req.body` is the full raw body. Returning without ending the response leaves it hanging. */
export type Handler = (request: ReceivedRequest, response: http.ServerResponse) => void | Promise<void>;

export type ReceiverOptions = {
  /** Keep every request in `requests` (default true); a benchmark's receiver only counts. */
  record?: boolean;
  /** How long an idle kept-alive connection stays open (default 5 s). */
  keepAliveTimeoutMs?: number;
};

/**
 * The one loopback receiver of the tests, the fault suite, the browser tests and the benchmark: an HTTP server on
 * 127.0.0.1 (random port) that records every request, then lets `handler` answer it.
 */
export async function startReceiver(handler: Handler = reply(200), options: ReceiverOptions = {}): Promise<Receiver> {
  const record = options.record ?? true;
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
        remotePort: req.socket.remotePort,
      };
      if (record) requests.push(received);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
      void Promise.resolve(handler(received, res)).catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/webhooks`,
    requests,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (requests.length >= count) return resolve(requests);
        const timer = setTimeout(
          () => reject(new Error(`Receiver got ${requests.length} of ${count} requests`)),
          timeoutMs,
        );
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(requests)) });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a status and an optional body and headers. */
export function reply(status: number, body = "", headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** Answers each request with the next handler of the list (the last one repeats). */
export function sequence(...handlers: Handler[]): Handler {
  let next = 0;
  return (req, res) => handlers[Math.min(next++, handlers.length - 1)](req, res);
}

/** Answers with `handler` after `ms`, unless the connection is gone by then. */
export function after(ms: number, handler: Handler): Handler {
  return (req, res) =>
    void setTimeout(() => {
      if (!res.destroyed && res.socket && !res.socket.destroyed) void handler(req, res);
    }, ms);
}

/** Never answers (until the receiver is closed). */
export const hang: Handler = () => undefined;

/** Sends the status line, headers and part of a body, then destroys the connection. */
export const resetMidResponse: Handler = (_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "1000" });
  res.write("partial answer", () => setTimeout(() => res.socket?.destroy(), 20));
};

/** A `status` answer whose body is `bytes` long, written in 64 KB chunks as the client reads them. */
export function largeBody(bytes: number, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { "Content-Type": "text/plain", "Content-Length": String(bytes) });
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!res.write(part)) return void res.once("drain", write);
      }
      res.end();
    };
    res.on("error", () => undefined);
    write();
  };
}

/** A port on 127.0.0.1 with nothing listening (a server is opened, its port noted, and closed). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhooks`;
}

/** What a Lago JWT receiver does: verify RS256 with the public key, the issuer, and `data === raw body`; 401 otherwise. */
export function verifyingJwt(publicKeyPem: string, issuer: string): Handler {
  const key = createPublicKey(publicKeyPem);
  return async (req, res) => {
    const token = req.headers["x-lago-signature"];
    try {
      if (req.headers["x-lago-signature-algorithm"] !== "jwt" || typeof token !== "string") throw new Error("no jwt");
      const { payload } = await jwtVerify(token, key, { issuer, algorithms: ["RS256"] });
      if (payload.data !== req.body) throw new Error("data does not match the body");
      res.writeHead(200).end("ok");
    } catch (error) {
      res.writeHead(401).end(error instanceof Error ? error.message : "invalid");
    }
  };
}

/** What a Lago HMAC receiver does: base64 HMAC-SHA256 of the raw body, compared in constant time; 401 otherwise. */
export function verifyingHmac(secret: string): Handler {
  return (req, res) => {
    const given = Buffer.from(String(req.headers["x-lago-signature"] ?? ""));
    const expected = Buffer.from(createHmac("sha256", secret).update(req.body).digest("base64"));
    const valid =
      req.headers["x-lago-signature-algorithm"] === "hmac" &&
      given.length === expected.length &&
      timingSafeEqual(given, expected);
    res.writeHead(valid ? 200 : 401).end(valid ? "ok" : "bad signature");
  };
}
