import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { isUniqueViolation } from "./errors";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());

describe(`database errors on ${testProvider}`, () => {
  it("recognises a duplicate key from this provider, and nothing else", async () => {
    await db.setting.create({ data: { key: "k", value: "first" } });
    const duplicate = await db.setting.create({ data: { key: "k", value: "second" } }).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const missing = await db.setting
      .update({ where: { key: "absent" }, data: { value: "x" } })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(missing)).toBe(false);
    for (const other of [null, undefined, "P2002", new Error("P2002"), { code: "P2025" }])
      expect(isUniqueViolation(other)).toBe(false);
  });
});
