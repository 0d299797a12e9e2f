import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { securityHeaders } from "./security-headers";

const base = { nonce: "n", dev: false, https: false };
afterEach(() => vi.unstubAllEnvs());
const portal = [{ prefix: "/portal/", ancestors: "https://app.example.com http://127.0.0.1:3590" }];

describe("framing", () => {
  it("lets the listed origins frame the portal, and nothing else", () => {
    const framed = securityHeaders({ ...base, pathname: "/portal/abc/developers/webhooks", framing: portal });
    expect(framed["Content-Security-Policy"]).toContain(
      "frame-ancestors https://app.example.com http://127.0.0.1:3590",
    );
    expect(framed).not.toHaveProperty("X-Frame-Options");
    for (const pathname of ["/", "/o/x/developers/webhooks", "/login", "/invite/abc", "/portalx", "/organizations"]) {
      const headers = securityHeaders({ ...base, pathname, framing: portal });
      expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
      expect(headers["X-Frame-Options"]).toBe("DENY");
    }
  });

  it("keeps the portal unframeable when no origin is listed", () => {
    const headers = securityHeaders({ ...base, pathname: "/portal/abc", framing: [] });
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });
});

describe("over HTTPS", () => {
  it("sends HSTS and upgrades plain-HTTP subresources; over HTTP, neither", () => {
    const secure = securityHeaders({ ...base, https: true, pathname: "/" });
    expect(secure["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    const plain = securityHeaders({ ...base, https: false, pathname: "/" });
    expect(plain).not.toHaveProperty("Strict-Transport-Security");
    expect(plain["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
  });

  it.each([
    ["https://hooks.example.com", "max-age=31536000"],
    ["http://localhost:3000", null],
  ])("the proxy, with HOOKLINE_PUBLIC_URL=%s, answers a page with HSTS %s", async (publicUrl, hsts) => {
    vi.stubEnv("HOOKLINE_PUBLIC_URL", publicUrl);
    const { proxy } = await import("@/proxy");
    // The request itself is plain HTTP, as behind a proxy that ends TLS: the public URL decides.
    const response = proxy(new NextRequest("http://127.0.0.1:3000/o/x/developers/webhooks"));
    expect(response.headers.get("Strict-Transport-Security")).toBe(hsts);
    expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});
