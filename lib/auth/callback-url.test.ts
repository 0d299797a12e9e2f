import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("the callback after sign-in", () => {
  it.each([
    ["/developers/webhooks", "/developers/webhooks"],
    ["/developers/webhooks/ep_1?status=failed#top", "/developers/webhooks/ep_1?status=failed#top"],
    ["http://localhost:3000/developers/api-keys", "/developers/api-keys"],
    ["developers", "/developers"],
  ])("keeps a path of this origin: %s", (callback, path) => {
    expect(sameOriginPath(callback, ORIGIN)).toBe(path);
  });

  it.each([
    "//127.0.0.1:4900/x",
    "/\\127.0.0.1:4900/x",
    decodeURIComponent("/%5C127.0.0.1:4900/x"),
    decodeURIComponent("/%09/127.0.0.1:4900/x"),
    "/\t/evil.example/x",
    "\\\\evil.example",
    "https://evil.example/",
    "http://localhost:3001/",
    "javascript:alert(1)",
    "data:text/html,hi",
    `/${"a".repeat(3000)}`,
    "",
  ])("refuses what leaves the origin: %j", (callback) => {
    expect(sameOriginPath(callback, ORIGIN)).toBeNull();
  });

  it("never returns a protocol-relative path", () => {
    expect(sameOriginPath("http://localhost:3000//evil.example/x", ORIGIN)).toBe("/evil.example/x");
  });
});
