import fs from "node:fs";

// The fixed headers, in one file: the web process's lean path (lib/api/lean-events.ts) puts the same ones on what it
// answers without Next.
const fixed = JSON.parse(fs.readFileSync(new URL("./lib/fixed-headers.json", import.meta.url), "utf8"));
const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle.
  // Observability libraries too: one copy per process, shared by the route handlers and instrumentation.
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "prom-client",
    "pino",
    "pino-pretty",
    "nodemailer",
    "@opentelemetry/api",
    "@opentelemetry/core",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/semantic-conventions",
  ],
  poweredByHeader: false,
  // Fixed headers (computed at build time). Pages get theirs from proxy.ts: a CSP with a per-request nonce, framing
  // refused except where a route allows it, HSTS over HTTPS.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: list(fixed.everyResponse),
      },
      {
        // JSON and files: nothing in them may run, and nothing may frame them.
        source: "/api/:path*",
        headers: list(fixed.api),
      },
    ];
  },
};

export default nextConfig;
