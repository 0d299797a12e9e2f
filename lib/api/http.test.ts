import { captureLogs } from "@/lib/test/logs";
import { describe, expect, it } from "vitest";
import { AppError, AppErrorCode } from "@/lib/errors";
import { apiHandler, errorResponse, publicBaseUrl } from "./http";

describe("errors as Lago answers", () => {
  it("maps AppError codes to Lago's statuses, renaming fields", async () => {
    const invalid = await errorResponse(
      new AppError(AppErrorCode.InvalidInput, "Bad", { fieldErrors: { url: ["Bad URL"] } }),
      { fieldNames: { url: "webhook_url" } },
    ).json();
    expect(invalid).toEqual({
      status: 422,
      error: "Unprocessable Entity",
      code: "validation_errors",
      error_details: { webhook_url: ["Bad URL"] },
    });
    const limit = errorResponse(new AppError(AppErrorCode.LimitReached, "Too many"));
    expect([limit.status, (await limit.json()).error_details]).toEqual([422, { base: ["Too many"] }]);
    const missing = errorResponse(new AppError(AppErrorCode.NotFound, "Gone"), {
      notFoundCode: "webhook_endpoint_not_found",
    });
    expect(await missing.json()).toMatchObject({ status: 404, error: "Not Found", code: "webhook_endpoint_not_found" });
    expect(errorResponse(new AppError(AppErrorCode.Forbidden, "No")).status).toBe(403);
    expect(errorResponse(new AppError(AppErrorCode.Unauthorized, "No")).status).toBe(401);
    expect(
      await errorResponse(new AppError(AppErrorCode.BadRequest, "Not JSON", { apiCode: "invalid_json" })).json(),
    ).toEqual({
      status: 400,
      error: "Bad Request",
      code: "invalid_json",
      message: "Not JSON",
    });
  });

  it("answers a conflict as a validation error, or with 405 and the route's code where Lago does", async () => {
    const conflict = new AppError(AppErrorCode.Conflict, "Only failed webhooks can be retried");
    expect((await errorResponse(conflict).json()).error_details).toEqual({
      base: ["Only failed webhooks can be retried"],
    });
    expect(await errorResponse(conflict, { conflictCode: "invalid_status" }).json()).toEqual({
      status: 405,
      error: "Method Not Allowed",
      code: "invalid_status",
      message: "Only failed webhooks can be retried",
    });
  });

  it("answers an unexpected error with a logged, generic 500", async () => {
    const log = captureLogs();
    const handler = apiHandler(async () => {
      throw new Error("connection string postgres://user:secret@db");
    });
    const response = await handler(new Request("http://test"), undefined);
    const body = await response.json();
    expect(response.status).toBe(500);
    expect(body).toMatchObject({ status: 500, error: "Internal Server Error", code: "internal_error" });
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(log.lines().filter((line) => line.level === "error")).toHaveLength(1);
    log.restore();
  });
});

describe("public base URL", () => {
  it("prefers HOOKLINE_PUBLIC_URL, else the forwarded or own host", () => {
    const saved = process.env.HOOKLINE_PUBLIC_URL;
    try {
      process.env.HOOKLINE_PUBLIC_URL = "https://hooks.example.com/";
      expect(publicBaseUrl(new Headers({ host: "internal:3000" }))).toBe("https://hooks.example.com");
      delete process.env.HOOKLINE_PUBLIC_URL;
      expect(publicBaseUrl(new Headers({ host: "10.0.0.5:3000" }))).toBe("http://10.0.0.5:3000");
      expect(
        publicBaseUrl(
          new Headers({ host: "internal:3000", "x-forwarded-host": "hooks.example.com", "x-forwarded-proto": "https" }),
        ),
      ).toBe("https://hooks.example.com");
    } finally {
      process.env.HOOKLINE_PUBLIC_URL = saved;
    }
  });
});
