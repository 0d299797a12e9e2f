import path from "node:path";
import { defineConfig } from "vitest/config";

// The fault suite (fault/*.test.ts): real app processes on the production build, killed, doubled, cut off from
// their database and fed broken receivers. One file at a time: they measure and they share two cores.
// TEST_DB=postgresql|sqlite picks the database of the tests that run on both.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["fault/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
