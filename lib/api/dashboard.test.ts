import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signIn, signOut } from "@/lib/test/session";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { newOrganization } from "@/lib/test/organizations";
import { dashboardJson } from "./dashboard";

vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

describe(`dashboard JSON routes on ${testProvider}`, () => {
  it("refuse an anonymous caller, or one whose operator was deleted, with 401 and never run the body", async () => {
    signOut();
    const body = vi.fn(async () => ({ secret: "never" }));
    const response = await dashboardJson(DEFAULT_ORGANIZATION_ID, body);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Your session has ended. Sign in again." });
    await signIn(db);
    await db.operator.deleteMany();
    expect((await dashboardJson(DEFAULT_ORGANIZATION_ID, body)).status).toBe(401);
    expect(body).not.toHaveBeenCalled();
  });

  it("answer 404 for an organization the operator is not a member of, as for one that does not exist", async () => {
    const body = vi.fn(async () => ({ secret: "never" }));
    const other = await newOrganization(db);
    for (const organizationId of [other.organizationId, "no-such-organization", "a\u0000b"]) {
      const response = await dashboardJson(organizationId, body);
      expect(response.status).toBe(404);
    }
    expect(body).not.toHaveBeenCalled();
    const context = vi.fn(async (c: unknown) => c);
    await signIn(db, "ops@example.com", { organizationId: other.organizationId, role: "viewer" });
    expect(await (await dashboardJson(other.organizationId, context)).json()).toMatchObject({
      organizationId: other.organizationId,
      role: "viewer",
    });
  });

  it("answer a signed-in operator with the body, uncached", async () => {
    const response = await dashboardJson(DEFAULT_ORGANIZATION_ID, async () => ({ items: [1, 2] }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ items: [1, 2] });
  });

  it("map expected errors to their status and hide unexpected ones", async () => {
    const failing = (error: unknown) =>
      dashboardJson(DEFAULT_ORGANIZATION_ID, async () => {
        throw error;
      });
    const notFound = await failing(new AppError(AppErrorCode.NotFound, "This webhook endpoint does not exist."));
    expect([notFound.status, await notFound.json()]).toEqual([404, { error: "This webhook endpoint does not exist." }]);
    expect((await failing(new AppError(AppErrorCode.InvalidInput, "This page link is no longer valid."))).status).toBe(
      422,
    );
    expect((await failing(new AppError(AppErrorCode.Conflict, "Changed meanwhile."))).status).toBe(409);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const crash = await failing(new Error("connection string with a password"));
    expect(crash.status).toBe(500);
    expect(await crash.json()).toEqual({
      error: "Something went wrong on our side. The error was logged; please try again.",
    });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it.each([
    ["webhooks list", () => import("@/app/api/dashboard/o/[organizationId]/endpoints/[endpointId]/webhooks/route")],
    [
      "webhook detail",
      () => import("@/app/api/dashboard/o/[organizationId]/endpoints/[endpointId]/webhooks/[webhookId]/route"),
    ],
    ["health", () => import("@/app/api/dashboard/o/[organizationId]/endpoints/[endpointId]/health/route")],
    [
      "replay progress",
      () => import("@/app/api/dashboard/o/[organizationId]/endpoints/[endpointId]/replays/[replayId]/route"),
    ],
  ])("the %s route is closed to anonymous callers", async (_, load) => {
    type Handler = (
      request: Request,
      context: {
        params: Promise<{ organizationId: string; endpointId: string; webhookId: string; replayId: string }>;
      },
    ) => Promise<Response>;
    signOut();
    const { GET } = (await load()) as { GET: Handler };
    const params = Promise.resolve({
      organizationId: DEFAULT_ORGANIZATION_ID,
      endpointId: "e",
      webhookId: "w",
      replayId: "r",
    });
    const response = await GET(new Request("http://localhost/api/dashboard/endpoints/e/webhooks"), { params });
    expect(response.status).toBe(401);
  });
});
