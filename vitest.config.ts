import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["node_modules", "e2e", "lib/generated"],
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine, which then waits for
    // each file's database and timers in turn. Files are independent (a database each, receivers on port 0).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["lib/test/setup.ts"],
  },
});
