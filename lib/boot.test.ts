import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";

const globalForBoot = globalThis as unknown as { hooklineBooted?: Promise<void> };

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.HOOKLINE_DELIVERY_TIMEOUT_MS;
  delete process.env.NEXT_RUNTIME;
  globalForBoot.hooklineBooted = undefined;
});

describe("server start-up (instrumentation)", () => {
  it("exits non-zero before migrating or serving when a setting is malformed, naming it", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "30s";
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(register()).rejects.toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^\[hookline\] cannot start: invalid settings:\n {2}HOOKLINE_DELIVERY_TIMEOUT_MS must be a whole number of milliseconds/,
      ),
    );
  });
});
