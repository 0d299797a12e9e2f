import { afterEach, describe, expect, it } from "vitest";
import { GET } from "./route";

const TOKEN = "metrics-token-0123456789abcdef";

afterEach(() => {
  delete process.env.HOOKLINE_METRICS_TOKEN;
});

describe("GET /metrics on the public port", () => {
  it("does not exist without HOOKLINE_METRICS_TOKEN, and asks for the token when one is set", async () => {
    expect((await GET(new Request("http://test/metrics"))).status).toBe(404);
    process.env.HOOKLINE_METRICS_TOKEN = TOKEN;
    const none = await GET(new Request("http://test/metrics"));
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain("hookline_");
    const wrong = await GET(new Request("http://test/metrics", { headers: { authorization: `Bearer ${TOKEN}x` } }));
    expect(wrong.status).toBe(401);
    const right = await GET(new Request("http://test/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(right.status).toBe(200);
    expect(right.headers.get("content-type")).toContain("text/plain");
    expect(await right.text()).toContain("# TYPE hookline_deliveries_total counter");
  });
});
