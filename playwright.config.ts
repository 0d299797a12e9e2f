import path from "node:path";
import { defineConfig } from "@playwright/test";

// The suite runs the production build on its own port and database; E2E_DATABASE_URL picks PostgreSQL.
const port = Number(process.env.E2E_PORT ?? 3210);
const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:${path.resolve("test-results/e2e.db")}`;

export const E2E_BASE_URL = `http://127.0.0.1:${port}`;

// A page of another site (localhost, not 127.0.0.1: a third party to the portal) frames the customer portal.
const embedPort = Number(process.env.E2E_EMBED_PORT ?? port + 80);
export const E2E_EMBED_ORIGIN = `http://localhost:${embedPort}`;

// Most specs watch webhooks run out of attempts, so their server retries after 1 s and 2 s. The specs about the
// production schedule (hours of retrying) get a second server, started alongside the first, on port + 1000 and its
// own database.
const defaultSchedulePort = Number(process.env.E2E_DEFAULT_SCHEDULE_PORT ?? port + 1000);
const defaultScheduleDatabaseUrl = process.env.E2E_DATABASE_URL
  ? process.env.E2E_DATABASE_URL.replace(/(\/[^/?]+)(\?|$)/, "$1_default_schedule$2")
  : `file:${path.resolve("test-results/e2e-default-schedule.db")}`;
export const E2E_DEFAULT_SCHEDULE_URL = `http://127.0.0.1:${defaultSchedulePort}`;
const DEFAULT_SCHEDULE_SPECS = /retry-a-failing-webhook\.spec\.ts/;

// The specs that check only how pages render (themes and axe, the phone layout, the keyboard, the API reference,
// the security headers) run once: `npm test` sets E2E_SECOND_RUN=1 for its second browser run (PostgreSQL), which
// would read the same server-rendered screens again, and both runs must fit CI's time. Every spec that reads or
// writes endpoints, the log, retries, members, alerts or the portal runs on both databases.
const RENDERING_ONLY_SPECS = [
  /dark-mode\.spec\.ts/,
  /fits-a-phone\.spec\.ts/,
  /reach-the-log-by-keyboard\.spec\.ts/,
  /read-the-api-reference\.spec\.ts/,
  /security-headers\.spec\.ts/,
];
const secondRun = process.env.E2E_SECOND_RUN === "1";

const serverEnv = {
  HOOKLINE_ALLOW_PRIVATE_URLS: "true",
  HOOKLINE_LOGIN_MAX_FAILURES: "3",
  HOOKLINE_DELIVERY_TIMEOUT_MS: "3000",
  HOOKLINE_API_KEY: "hl_e2e_test_key_0123456789abcdef",
  NEXTAUTH_SECRET: "e2e-only-secret-not-for-production",
  HOOKLINE_INSTALLATION_API_KEY: "hl_e2e_installation_key_0123456789",
  HOOKLINE_PORTAL_FRAME_ANCESTORS: E2E_EMBED_ORIGIN,
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "account", testMatch: /operator-account\.spec\.ts/ },
    {
      name: "dashboard",
      testIgnore: [/operator-account\.spec\.ts/, DEFAULT_SCHEDULE_SPECS, ...(secondRun ? RENDERING_ONLY_SPECS : [])],
      dependencies: ["account"],
      use: { storageState: "test-results/operator.json" },
    },
    // Its own server and operator (from the environment): the spec signs in itself.
    { name: "default-schedule", testMatch: DEFAULT_SCHEDULE_SPECS, use: { baseURL: E2E_DEFAULT_SCHEDULE_URL } },
  ],
  webServer: [
    {
      command: `node e2e/serve.mjs ${port} 127.0.0.1`,
      url: `${E2E_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        ...serverEnv,
        DATABASE_URL: databaseUrl,
        HOOKLINE_PUBLIC_URL: E2E_BASE_URL,
        HOOKLINE_RETRY_SCHEDULE: "1s,2s",
      },
    },
    {
      command: `node e2e/serve.mjs ${defaultSchedulePort} 127.0.0.1`,
      url: `${E2E_DEFAULT_SCHEDULE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        ...serverEnv,
        DATABASE_URL: defaultScheduleDatabaseUrl,
        HOOKLINE_PUBLIC_URL: E2E_DEFAULT_SCHEDULE_URL,
        // Long enough for a spec to look at a delivery its receiver holds.
        HOOKLINE_DELIVERY_TIMEOUT_MS: "15000",
        HOOKLINE_ADMIN_EMAIL: "admin@example.com",
        HOOKLINE_ADMIN_PASSWORD: "correct-horse-battery-staple",
      },
    },
  ],
});
