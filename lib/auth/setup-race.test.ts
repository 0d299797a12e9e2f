import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createFirstOperator } from "./operators";

// An instant hash, so that the racing setups reach their transactions together (scrypt would spread them out).
vi.mock("./password", () => ({
  hashPassword: async (password: string) => `test$${password}`,
  verifyPassword: async () => false,
}));

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

it(`creates one operator when first-operator setups race on ${testProvider}`, async () => {
  // Open the connections first: otherwise each setup waits for a new connection of its own and they never overlap.
  await Promise.all(Array.from({ length: 8 }, () => db.$transaction(async (tx) => tx.operator.count())));
  const setups = await Promise.allSettled(
    ["a", "b", "c", "d", "e", "f", "g", "h"].map((name) =>
      createFirstOperator({
        email: `${name}@example.com`,
        password: "a long enough password",
        confirm: "a long enough password",
      }),
    ),
  );
  expect(setups.filter((setup) => setup.status === "fulfilled")).toHaveLength(1);
  for (const setup of setups) if (setup.status === "rejected") expect(setup.reason).toBeInstanceOf(AppError);
  expect(await db.operator.count()).toBe(1);
});
