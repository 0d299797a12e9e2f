import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, AppErrorCode } from "@/lib/errors";
import { parseRequest, readJsonBody } from "./body";
import { errorResponse } from "./http";
import { thrown } from "./test-helpers";

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
});
