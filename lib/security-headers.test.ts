import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

const base = { nonce: "n", dev: false, https: false };
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
