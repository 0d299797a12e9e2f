import { describe, expect, it } from "vitest";
import { uuidv7, uuidv7TimeHex } from "./ids";

describe("UUIDv7 ids", () => {
  it("carry the millisecond in front, version 7 and the RFC variant, and sort by time", () => {
    const ms = Date.parse("2026-12-01T10:42:07.123Z");
    const id = uuidv7(ms);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.replace(/-/g, "").slice(0, 12)).toBe(uuidv7TimeHex(ms));
    expect(uuidv7(ms + 1) > id).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(ms))).size).toBe(1000);
  });
});
