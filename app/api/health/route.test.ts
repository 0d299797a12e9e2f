import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { read } from "@/lib/api/test-helpers";
import { closeDb } from "@/lib/db/client";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { GET } from "./route";

let teardown: () => Promise<void>;
let url: string;
beforeAll(async () => ({ teardown, url } = await setupTestDb()));
afterAll(() => teardown());

type Health = { status: string; database: { ok: boolean; provider: string }; worker: Record<string, unknown> };

describe(`GET /api/health on ${testProvider}`, () => {
  it("answers 200 with the database and the worker, and nothing secret", async () => {
    const { status, body } = await read<Health>(await GET());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      database: { ok: true, provider: testProvider },
      worker: { enabled: false, running: false },
    });
    expect(JSON.stringify(body)).not.toContain(url);
    expect(body.worker).not.toHaveProperty("workerId");
    expect(body.worker).not.toHaveProperty("lastError");
  });

  it("answers 503 when the database cannot be reached", async () => {
    await closeDb();
    process.env.DATABASE_URL =
      testProvider === "postgresql" ? "postgresql://postgres@127.0.0.1:1/none" : "file:/nonexistent-dir/hookline.db";
    try {
      const { status, body } = await read<Health>(await GET());
      expect(status).toBe(503);
      expect(body.status).toBe("error");
      expect(body.database).toEqual({ ok: false, provider: testProvider });
      expect(JSON.stringify(body)).not.toContain("127.0.0.1:1");
    } finally {
      await closeDb();
      process.env.DATABASE_URL = url;
    }
  });
});
