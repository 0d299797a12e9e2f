import fs from "node:fs";

/** Fresh screenshots each run (the database is reset by e2e/serve.mjs, which starts before this). */
export default async function globalSetup() {
  fs.mkdirSync("test-results", { recursive: true });
  fs.rmSync("e2e/artifacts", { recursive: true, force: true });
  fs.mkdirSync("e2e/artifacts", { recursive: true });
}
