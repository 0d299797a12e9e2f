import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import {
  apiHandler,
  bearerToken,
  errorResponse,
  parseRequest,
  publicBaseUrl,
  readJsonBody,
  requireApiKey,
} from "./http";
import { createApiKey, revokeApiKey } from "./api-keys";
import { DEFAULT_ORG } from "@/lib/test/organizations";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

/** A request whose body arrives in chunks, with no Content-Length (as a chunked upload). */
function streamed(chunks: string[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request("http://test/api", { method: "POST", body, duplex: "half" } as RequestInit);
}

/** The REST answer to a call that failed: its AppError through `errorResponse`, with the body's fields. */
async function thrown(
  promise: Promise<unknown>,
): Promise<{ status: number; error: string; code: string; message?: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const response = errorResponse(error);
  return { ...(await response.json()), status: response.status };
}

describe("request bodies", () => {
  it("parses JSON under the cap", async () => {
    expect(await readJsonBody(new Request("http://test", { method: "POST", body: '{"a":1}' }), 100)).toEqual({ a: 1 });
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const request = new Request("http://test", { method: "POST", body: "{}", headers: { "content-length": "1000" } });
    expect((await thrown(readJsonBody(request, 100))).status).toBe(413);
  });

  it("refuses a streamed body as soon as it passes the cap", async () => {
    const error = await thrown(readJsonBody(streamed(['{"a":"', "x".repeat(60), "x".repeat(60), '"}']), 100));
    expect([error.status, error.code]).toEqual([413, "request_too_large"]);
  });

  it.each([["{"], ["not json"], [""], ["  "]])("answers 400 to %j", async (body) => {
    const error = await thrown(readJsonBody(new Request("http://test", { method: "POST", body }), 100));
    expect([error.status, error.code]).toEqual([400, "invalid_json"]);
  });

  it("answers 400 to bytes that are not UTF-8", async () => {
    const request = new Request("http://test", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    expect((await thrown(readJsonBody(request, 100))).status).toBe(400);
  });
});

describe("validation errors", () => {
  const schema = z.strictObject({ event: z.strictObject({ name: z.string().min(1, "Enter a name.") }) });

  it("names each field without the wrapper, and each unknown field", () => {
    const error = (() => {
      try {
        parseRequest(schema, { event: { name: "", extra: 1 }, other: 2 }, "event");
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.code).toBe(AppErrorCode.InvalidInput);
    expect({ ...error?.fieldErrors }).toEqual({
      name: ["Enter a name."],
      extra: ["is not a known field"],
      other: ["is not a known field"],
    });
    expect(errorResponse(error).status).toBe(422);
  });

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
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = apiHandler(async () => {
      throw new Error("connection string postgres://user:secret@db");
    });
    const response = await handler(new Request("http://test"), undefined);
    const body = await response.json();
    expect(response.status).toBe(500);
    expect(body).toMatchObject({ status: 500, error: "Internal Server Error", code: "internal_error" });
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe(`API key guard on ${testProvider}`, () => {
  const withBearer = (value?: string) =>
    new Request("http://test", value === undefined ? {} : { headers: { authorization: value } });

  it("reads only a well-formed bearer token", () => {
    expect(bearerToken(withBearer("Bearer abc"))).toBe("abc");
    expect(bearerToken(withBearer("bearer   abc "))).toBe("abc");
    expect(bearerToken(withBearer("Basic abc"))).toBeNull();
    expect(bearerToken(withBearer("Bearer a b"))).toBeNull();
    expect(bearerToken(withBearer())).toBeNull();
  });

  it("accepts an active key; refuses missing, wrong and revoked keys with 401", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "app");
    expect(await requireApiKey(withBearer(`Bearer ${key}`))).toMatchObject({ id });
    expect((await thrown(requireApiKey(withBearer()))).code).toBe("missing_api_key");
    expect((await thrown(requireApiKey(withBearer("Bearer hl_wrong")))).code).toBe("invalid_api_key");
    await revokeApiKey(DEFAULT_ORG, id);
    const revoked = await thrown(requireApiKey(withBearer(`Bearer ${key}`)));
    expect(revoked).toMatchObject({ status: 401, error: "Unauthorized", code: "invalid_api_key" });
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
