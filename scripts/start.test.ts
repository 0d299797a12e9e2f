import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm start", () => {
  it("stops before building or serving when a setting is malformed, naming the variable and the accepted form", () => {
    const env = {
      ...process.env,
      HOOKLINE_DELIVERY_TIMEOUT_MS: "30s",
      HOOKLINE_LOGIN_MAX_FAILURES: "abc",
      HOOKLINE_LEAN_EVENTS: "maybe",
      PORT: "1",
    };
    const result = spawnSync(process.execPath, ["scripts/start.mjs"], { env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'HOOKLINE_DELIVERY_TIMEOUT_MS must be a whole number of milliseconds from 1 to 3600000; it is "30s".',
    );
    expect(result.stderr).toContain('HOOKLINE_LOGIN_MAX_FAILURES must be a whole number from 1 to 1000; it is "abc".');
    expect(result.stderr).toContain('HOOKLINE_LEAN_EVENTS must be "on" or "off"; it is "maybe".');
    expect(result.stdout).not.toContain("building");
  });
});
