import path from "node:path";
import { defineConfig } from "@playwright/test";

// The suite runs the production build on its own port and database; E2E_DATABASE_URL picks PostgreSQL.
const port = Number(process.env.E2E_PORT ?? 3210);
const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:${path.resolve("test-results/e2e.db")}`;

export const E2E_BASE_URL = `http://127.0.0.1:${port}`;

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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "account", testMatch: /operator-account\.spec\.ts/ },
    {
      name: "dashboard",
      testIgnore: /operator-account\.spec\.ts/,
      dependencies: ["account"],
      use: { storageState: "test-results/operator.json" },
    },
  ],
  webServer: {
    command: `node e2e/serve.mjs ${port} 127.0.0.1`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: databaseUrl,
      HOOKLINE_ALLOW_PRIVATE_URLS: "true",
      HOOKLINE_PUBLIC_URL: E2E_BASE_URL,
      HOOKLINE_LOGIN_MAX_FAILURES: "3",
      HOOKLINE_RETRY_SCHEDULE: "1s,2s",
      HOOKLINE_DELIVERY_TIMEOUT_MS: "3000",
      HOOKLINE_API_KEY: "hl_e2e_test_key_0123456789abcdef",
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production",
    },
  },
});
