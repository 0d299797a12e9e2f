import fs from "node:fs";

/**
 * Fresh screenshots each run (the database is reset by e2e/serve.mjs, which starts before this). The second run of
 * `npm test` (E2E_SECOND_RUN=1) takes none, so it leaves the first run's in place.
 */
export default async function globalSetup() {
  fs.mkdirSync("test-results", { recursive: true });
  if (process.env.E2E_SECOND_RUN === "1") return;
  fs.rmSync("e2e/artifacts", { recursive: true, force: true });
  fs.mkdirSync("e2e/artifacts", { recursive: true });
}
