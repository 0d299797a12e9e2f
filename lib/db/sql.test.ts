import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { bind, queryRows, statement } from "./sql";
import { setupTestDb, testProvider } from "@/lib/test/db";

describe("named SQL parameters", () => {
  const stmt = statement<{ now: Date; id: string; limit: number }>({
    postgresql: `SELECT * FROM t WHERE "at" <= :now::timestamp AND "id" = :id AND "until" > :now::timestamp LIMIT :limit`,
    sqlite: `SELECT * FROM t WHERE "at" <= :now AND "id" = :id AND "until" > :now LIMIT :limit`,
  });
  const now = new Date("2026-12-01T10:42:07.000Z");

  it("numbers each name once on PostgreSQL, keeping casts", () => {
    expect(bind(stmt, { now, id: "a", limit: 5 }, "postgresql")).toEqual({
      text: `SELECT * FROM t WHERE "at" <= $1::timestamp AND "id" = $2 AND "until" > $1::timestamp LIMIT $3`,
      values: [now, "a", 5],
    });
  });

  it("repeats values per placeholder on SQLite, dates as Unix milliseconds", () => {
    expect(bind(stmt, { now, id: "a", limit: 5 }, "sqlite")).toEqual({
      text: `SELECT * FROM t WHERE "at" <= ? AND "id" = ? AND "until" > ? LIMIT ?`,
      values: [now.getTime(), "a", now.getTime(), 5],
    });
  });

  it("refuses a missing or an unknown parameter", () => {
    const one = statement<{ a: number }>(`SELECT :a`);
    expect(() => bind(one, {} as { a: number }, "sqlite")).toThrow("SQL parameter :a has no value");
    expect(() => bind(one, { a: 1, b: 2 } as { a: number }, "postgresql")).toThrow(
      "SQL parameter :b is not in the statement",
    );
  });

  it("leaves colons that are not placeholders alone", () => {
    const text = `SELECT value::int, 'x' AS "a:b", json_object('k', :v) FROM json_each_text(:j::json)`;
    expect(bind(statement<{ v: string; j: string }>(text), { v: "1", j: "{}" }, "postgresql").text).toBe(
      `SELECT value::int, 'x' AS "a:b", json_object('k', $1) FROM json_each_text($2::json)`,
    );
  });
});

describe(`named SQL parameters against ${testProvider}`, () => {
  let db: Db;
  let teardown: () => Promise<void>;
  beforeAll(async () => ({ db, teardown } = await setupTestDb()));
  afterAll(() => teardown());

  it("binds one value used twice", async () => {
    const twice = statement<{ n: number; s: string }, { sum: number | bigint; s: string }>({
      postgresql: `SELECT :n::int + :n::int AS "sum", :s::text AS "s"`,
      sqlite: `SELECT :n + :n AS "sum", :s AS "s"`,
    });
    const [row] = await queryRows(db, twice, { n: 21, s: "x" });
    expect([Number(row.sum), row.s]).toEqual([42, "x"]);
  });
});
