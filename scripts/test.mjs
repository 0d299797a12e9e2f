// `npm test`: every test. Lint (ESLint, then Prettier's check); vitest on SQLite, then on PostgreSQL; then the production
// build, the fault suite and the Playwright specs on SQLite, then on PostgreSQL.
// Options: --unit (vitest only), --e2e (browser only), --db=sqlite|postgresql, --no-lint.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const args = new Set(process.argv.slice(2));
const onlyDb = [...args].find((a) => a.startsWith("--db="))?.slice(5);
const runUnit = !args.has("--e2e");
const runE2e = !args.has("--unit");
const runLint = !args.has("--no-lint");
const databases = onlyDb ? [onlyDb] : ["sqlite", "postgresql"];
const pgServer = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const results = [];
fs.mkdirSync(path.join(root, "test-results"), { recursive: true });

function run(label, command, commandArgs, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readCounts(file, kind) {
  try {
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    if (kind === "vitest")
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      };
    const s = report.stats;
    return { passed: s.expected, failed: s.unexpected + s.flaky, skipped: s.skipped };
  } catch {
    return null;
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgServer, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    console.error(`PostgreSQL is not reachable at ${pgServer}: ${error.message}`);
    console.error("Start it (see README) or run with --db=sqlite.");
    return false;
  }
}

if (databases.includes("postgresql") && !(await postgresReachable())) process.exit(1);

// Lint first, each check counted as one test in the summary; a failure does not stop the tests.
if (runLint) {
  const checks = [
    [
      "lint: eslint",
      "node_modules/eslint/bin/eslint.js",
      "--max-warnings=0",
      "--cache",
      "--cache-location",
      "node_modules/.cache/eslint/",
      ".",
    ],
    ["lint: prettier --check", "node_modules/prettier/bin/prettier.cjs", "--check", "."],
  ];
  for (const [label, script, ...checkArgs] of checks) {
    const code = run(label, process.execPath, [script, ...checkArgs]);
    results.push({ label, code, counts: { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 } });
  }
}

if (runUnit) {
  for (const db of databases) {
    const out = `test-results/vitest-${db}.json`;
    fs.rmSync(path.join(root, out), { force: true });
    const code = run(
      `unit and integration tests on ${db}`,
      process.execPath,
      ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile=${out}`],
      { TEST_DB: db },
    );
    results.push({ label: `vitest on ${db}`, code, counts: readCounts(path.join(root, out), "vitest") });
  }
}

if (runE2e) {
  const build = run("production build for the browser tests", process.execPath, [
    "node_modules/next/dist/bin/next",
    "build",
  ]);
  if (build !== 0) {
    results.push({ label: "next build", code: build, counts: null });
  } else {
    // The fault suite (fault/*.test.ts): real app processes on this build, killed, doubled, cut off from the database.
    for (const db of databases) {
      const out = `test-results/fault-${db}.json`;
      fs.rmSync(path.join(root, out), { force: true });
      const code = run(
        `fault suite on ${db}`,
        process.execPath,
        [
          "node_modules/vitest/vitest.mjs",
          "run",
          "--config",
          "vitest.fault.config.ts",
          "--reporter=default",
          "--reporter=json",
          `--outputFile=${out}`,
        ],
        { TEST_DB: db },
      );
      results.push({ label: `fault suite on ${db}`, code, counts: readCounts(path.join(root, out), "vitest") });
    }
    for (const db of databases) {
      const out = "test-results/playwright.json";
      fs.rmSync(path.join(root, out), { force: true });
      const env = db === "postgresql" ? { E2E_DATABASE_URL: new URL("/hookline_e2e", pgServer).toString() } : {};
      // The second run takes no screenshots and leaves out the specs that only check rendering (playwright.config.ts).
      if (db !== databases[0]) env.E2E_SECOND_RUN = "1";
      const code = run(
        `browser tests on ${db}`,
        process.execPath,
        ["node_modules/@playwright/test/cli.js", "test"],
        env,
      );
      const counts = readCounts(path.join(root, out), "playwright");
      fs.renameSync(path.join(root, out), path.join(root, `test-results/playwright-${db}.json`));
      results.push({ label: `playwright on ${db}`, code, counts });
    }
  }
}

console.log("\n=== summary ===");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { label, code, counts } of results) {
  const c = counts ?? { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  passed += c.passed;
  failed += c.failed + (code !== 0 && c.failed === 0 ? 1 : 0);
  skipped += c.skipped;
  console.log(`${code === 0 ? "ok  " : "FAIL"} ${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
