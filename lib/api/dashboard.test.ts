import { beforeEach, describe, expect, it, vi } from "vitest";
import { UserError } from "@/lib/errors";

const session = vi.hoisted(() => ({ operator: null as { id: string; email: string } | null }));
vi.mock("@/lib/auth/session", () => ({ getOperator: async () => session.operator }));

const { dashboardJson } = await import("./dashboard");

beforeEach(() => {
  session.operator = null;
});

describe("dashboard JSON routes", () => {
  it("refuse an anonymous caller with 401 and never run the body", async () => {
    const body = vi.fn(async () => ({ secret: "never" }));
    const response = await dashboardJson(body);
    expect(response.status).toBe(401);
    expect(body).not.toHaveBeenCalled();
    expect(await response.json()).toEqual({ error: "Your session has ended. Sign in again." });
  });

  it("answer a signed-in operator with the body, uncached", async () => {
    session.operator = { id: "op", email: "op@example.com" };
    const response = await dashboardJson(async () => ({ items: [1, 2] }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ items: [1, 2] });
  });

  it("map expected errors to their status and hide unexpected ones", async () => {
    session.operator = { id: "op", email: "op@example.com" };
    const notFound = await dashboardJson(async () => {
      throw new UserError("This webhook endpoint does not exist.", "not_found");
    });
    expect(notFound.status).toBe(404);
    const crash = await dashboardJson(async () => {
      throw new Error("connection string with a password");
    });
    expect(crash.status).toBe(500);
    expect(JSON.stringify(await crash.json())).not.toContain("password");
  });

  it.each([
    ["webhooks list", () => import("@/app/api/dashboard/endpoints/[endpointId]/webhooks/route")],
    ["webhook detail", () => import("@/app/api/dashboard/endpoints/[endpointId]/webhooks/[webhookId]/route")],
    ["health", () => import("@/app/api/dashboard/endpoints/[endpointId]/health/route")],
    ["replay progress", () => import("@/app/api/dashboard/endpoints/[endpointId]/replays/[replayId]/route")],
  ])("the %s route is closed to anonymous callers", async (_, load) => {
    type Handler = (request: Request, context: { params: Promise<{ endpointId: string; webhookId: string; replayId: string }> }) => Promise<Response>;
    const { GET } = (await load()) as { GET: Handler };
    const params = Promise.resolve({ endpointId: "e", webhookId: "w", replayId: "r" });
    const response = await GET(new Request("http://localhost/api/dashboard/endpoints/e/webhooks"), { params });
    expect(response.status).toBe(401);
  });
});
