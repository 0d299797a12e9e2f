import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SETTING_NAMES } from "./config";
import { DEFAULT_SCHEDULE_MS } from "./webhooks/retry-policy";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("the configuration", () => {
  it("has a default for every setting, and is frozen", () => {
    const config = loadConfig({});
    expect(config.database).toMatchObject({ provider: "sqlite", poolSize: 20 });
    expect(config.server).toEqual({ port: 3000, hostname: null });
    expect(config.auth.login).toEqual({ maxFailures: 5, windowMs: 900_000 });
    expect(config.auth.trustedProxies).toBe(0);
    expect(config.delivery).toEqual({
      timeoutMs: 30_000,
      allowPrivateUrls: false,
      retry: { policy: "default", scheduleMs: DEFAULT_SCHEDULE_MS, customSchedule: false },
    });
    expect(config.worker).toEqual({
      enabled: true,
      mode: "process",
      socket: null,
      heapMb: { web: 192, worker: 128 },
      concurrency: 100,
      endpointConcurrency: null,
      intervalMs: 1000,
      leaseMs: 60_000,
      retentionDays: 90,
    });
    expect(config.api).toEqual({
      envKey: null,
      installationKey: null,
      maxBodyBytes: 262_144,
      endpointLimit: 5,
      leanEvents: true,
    });
    expect(config.autoDisable).toEqual({ afterHours: 120, minFailures: 10 });
    expect(config.cron).toEqual({ secret: null, budgetMs: 10_000 });
    expect(Object.isFrozen(config.delivery.retry.scheduleMs)).toBe(true);
    expect(() => {
      (config.worker as { concurrency: number }).concurrency = 1;
    }).toThrow(TypeError);
  });

  it("reads each setting in its documented form", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://u:p@db:5432/hookline",
      DATABASE_POOL_SIZE: "7",
      PORT: "4100",
      HOSTNAME: "127.0.0.1",
      HOOKLINE_PUBLIC_URL: "https://hooks.example.com/",
      HOOKLINE_LOGIN_MAX_FAILURES: " 3 ",
      HOOKLINE_TRUSTED_PROXIES: "1",
      HOOKLINE_DELIVERY_TIMEOUT_MS: "90000",
      HOOKLINE_LEASE_MS: "1000",
      HOOKLINE_RETRY_SCHEDULE: "10s,1m",
      HOOKLINE_WORKER: "off",
      HOOKLINE_ENDPOINT_CONCURRENCY: "4",
      HOOKLINE_RETENTION_DAYS: "0.5",
      HOOKLINE_ALLOW_PRIVATE_URLS: "true",
      WEBHOOK_ENDPOINT_LIMIT: "",
    });
    expect(config.database).toEqual({ provider: "postgresql", url: "postgresql://u:p@db:5432/hookline", poolSize: 7 });
    expect(config.server).toEqual({ port: 4100, hostname: "127.0.0.1" });
    expect(config.publicUrl).toBe("https://hooks.example.com");
    expect(config.https).toBe(true);
    expect(config.auth.login.maxFailures).toBe(3);
    expect(config.auth.trustedProxies).toBe(1);
    expect(config.delivery.retry).toEqual({ policy: "default", scheduleMs: [10_000, 60_000], customSchedule: true });
    // A lease must outlast a delivery: raised to the timeout + 5 s.
    expect(config.worker).toMatchObject({
      enabled: false,
      endpointConcurrency: 4,
      leaseMs: 95_000,
      retentionDays: 0.5,
    });
    expect(config.delivery.allowPrivateUrls).toBe(true);
    expect(config.api.endpointLimit).toBe(5);
  });

  it("knows where the worker runs: its socket only counts in process mode", () => {
    const socket = "/tmp/hookline-worker-1.sock";
    const apart = loadConfig({ HOOKLINE_WORKER_SOCKET: socket, HOOKLINE_WEB_HEAP_MB: "256" }).worker;
    expect(apart).toMatchObject({ mode: "process", socket, heapMb: { web: 256, worker: 128 } });
    expect(loadConfig({ HOOKLINE_WORKER_SOCKET: socket, HOOKLINE_WORKER_MODE: "inline" }).worker.socket).toBeNull();
    expect(() => loadConfig({ HOOKLINE_WORKER_MODE: "thread" })).toThrow(
      'HOOKLINE_WORKER_MODE must be "process" or "inline"; it is "thread".',
    );
    expect(() => loadConfig({ HOOKLINE_WORKER_SOCKET: "relative.sock" })).toThrow(/HOOKLINE_WORKER_SOCKET must be/);
  });

  it("takes the JWT issuer from HOOKLINE_PUBLIC_URL, else from PORT, and says which", () => {
    expect(loadConfig({}).jwtIssuer).toEqual({ value: "http://localhost:3000", source: "PORT" });
    expect(loadConfig({ PORT: "4900" }).jwtIssuer).toEqual({ value: "http://localhost:4900", source: "PORT" });
    expect(loadConfig({ PORT: "4900", HOOKLINE_PUBLIC_URL: "https://hooks.example.com" }).jwtIssuer).toEqual({
      value: "https://hooks.example.com",
      source: "HOOKLINE_PUBLIC_URL",
    });
  });

  it("refuses a malformed value, naming the variable and the accepted form", () => {
    expect(problems({ HOOKLINE_DELIVERY_TIMEOUT_MS: "30s" })).toEqual([
      'HOOKLINE_DELIVERY_TIMEOUT_MS must be a whole number of milliseconds from 1 to 3600000; it is "30s".',
    ]);
    expect(problems({ HOOKLINE_LOGIN_MAX_FAILURES: "abc" })).toEqual([
      'HOOKLINE_LOGIN_MAX_FAILURES must be a whole number from 1 to 1000; it is "abc".',
    ]);
    const bad: Record<string, string> = {
      DATABASE_URL: "mysql://db/hookline",
      DATABASE_POOL_SIZE: "0",
      PORT: "70000",
      HOSTNAME: "local host",
      HOOKLINE_PUBLIC_URL: "hooks.example.com",
      HOOKLINE_LOGIN_WINDOW_MS: "15m",
      HOOKLINE_TRUSTED_PROXIES: "-1",
      WEBHOOK_ENDPOINT_LIMIT: "5.5",
      HOOKLINE_API_KEY: "short",
      HOOKLINE_MAX_BODY_BYTES: "1e6",
      HOOKLINE_RSA_PRIVATE_KEY: Buffer.from("not a key").toString("base64"),
      HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS: "a day",
      HOOKLINE_ALLOW_PRIVATE_URLS: "yes",
      HOOKLINE_RETRY_SCHEDULE: "5s,soon",
      HOOKLINE_RETRY_POLICY: "sometimes",
      HOOKLINE_WORKER: "false",
      HOOKLINE_WORKER_CONCURRENCY: "NaN",
      HOOKLINE_ENDPOINT_CONCURRENCY: "0",
      HOOKLINE_WORKER_INTERVAL_MS: "1s",
      HOOKLINE_LEASE_MS: "Infinity",
      HOOKLINE_RETENTION_DAYS: "0",
      HOOKLINE_AUTO_DISABLE_AFTER_HOURS: "-5",
      HOOKLINE_AUTO_DISABLE_MIN_FAILURES: "ten",
      HOOKLINE_CRON_BUDGET_MS: "0x10",
      HOOKLINE_ADMIN_EMAIL: "not an email",
      HOOKLINE_ADMIN_PASSWORD: "short",
      NEXTAUTH_URL: "ftp://example.com",
    };
    const found = problems(bad);
    expect(found.map((problem) => problem.split(" ")[0])).toEqual(SETTING_NAMES.filter((name) => name in bad));
    for (const problem of found) expect(problem).toMatch(/^[A-Z_]+ must be .+; it is .+\.$/);
    // Secrets are never echoed.
    expect(found.find((p) => p.startsWith("HOOKLINE_API_KEY"))).toContain("(5 characters)");
  });

  it("wants the admin's email and password together", () => {
    expect(problems({ HOOKLINE_ADMIN_EMAIL: "ops@example.com" })).toEqual([
      "HOOKLINE_ADMIN_EMAIL and HOOKLINE_ADMIN_PASSWORD must be set together (or neither).",
    ]);
  });

  it("is documented: the README's settings table lists every setting", () => {
    const readme = fs.readFileSync(path.resolve("README.md"), "utf8");
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1]));
    expect(SETTING_NAMES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("is the only reader of process.env for these settings", () => {
    const pending = new Set<string>();
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!["generated", "node_modules", "test"].includes(entry.name)) walk(file);
        } else if (
          /\.(ts|tsx|mjs|js)$/.test(entry.name) &&
          !/\.test\.ts$/.test(entry.name) &&
          file !== "lib/config.ts" &&
          !pending.has(file)
        ) {
          const source = fs.readFileSync(file, "utf8");
          for (const name of SETTING_NAMES)
            if (new RegExp(`process\\.env(\\.${name}\\b|\\[)`).test(source)) readers.push(`${file}: ${name}`);
        }
      }
    };
    for (const dir of ["lib", "app", "components", "scripts"]) walk(dir);
    for (const file of ["instrumentation.ts", "proxy.ts", "next.config.js"]) {
      if (!fs.existsSync(file)) continue;
      const source = fs.readFileSync(file, "utf8");
      for (const name of SETTING_NAMES) if (source.includes(`process.env.${name}`)) readers.push(`${file}: ${name}`);
    }
    expect(readers).toEqual([]);
  });
  it("reads the portal's frame ancestors as origins; anything else names the variable", () => {
    expect(loadConfig({}).portal).toEqual({ frameAncestors: [] });
    expect(
      loadConfig({
        HOOKLINE_PORTAL_FRAME_ANCESTORS: "https://App.example.com, http://127.0.0.1:3590 https://*.example.com/",
      }).portal.frameAncestors,
    ).toEqual(["https://app.example.com", "http://127.0.0.1:3590", "https://*.example.com"]);
    for (const bad of [
      "*",
      "'self'",
      "https://a.example.com/path",
      "javascript:alert(1)",
      "https://a.com;script-src *",
      "http://a:99999",
    ]) {
      expect(problems({ HOOKLINE_PORTAL_FRAME_ANCESTORS: bad })).toEqual([
        expect.stringMatching(/^HOOKLINE_PORTAL_FRAME_ANCESTORS must be origins/),
      ]);
    }
  });
});
