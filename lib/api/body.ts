// Request bodies: read under the size cap, decoded as UTF-8, parsed as JSON and then by a zod schema.
import type { z } from "zod";
import { config } from "@/lib/config";
import { AppError, AppErrorCode, type FieldErrors } from "@/lib/errors";
import type { ApiRequest } from "./http";

/** `HOOKLINE_MAX_BODY_BYTES`, default 256 KB. */
export function maxBodyBytes(): number {
  return config().api.maxBodyBytes;
}

/** The 413 of a body over `limit` bytes. */
export function bodyTooLarge(limit: number): AppError {
  return new AppError(AppErrorCode.TooLarge, `The request body must be at most ${limit} bytes.`, {
    apiCode: "request_too_large",
  });
}

/** A body's bytes as text: invalid UTF-8 throws (a 400 once readJsonBody maps it). */
export function decodeBody(chunks: Uint8Array[]): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}

/** Reads the body as UTF-8 text, refusing (413) as soon as it passes `limit` bytes: never buffers more than that. */
export async function readBodyText(request: Request, limit = maxBodyBytes()): Promise<string> {
  const tooLarge = () => bodyTooLarge(limit);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return decodeBody(chunks);
}

/** Reads and parses a JSON body: 413 over the size cap, 400 when it is not JSON. */
export async function readJsonBody(request: Request | ApiRequest, limit = maxBodyBytes()): Promise<unknown> {
  let text: string;
  try {
    text = await ("readBody" in request ? request.readBody(limit) : readBodyText(request, limit));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(AppErrorCode.BadRequest, "The request body is not valid UTF-8.", { apiCode: "invalid_body" });
  }
  if (!text.trim())
    throw new AppError(AppErrorCode.BadRequest, "The request body is empty; send a JSON object.", {
      apiCode: "invalid_json",
    });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(AppErrorCode.BadRequest, `The request body is not valid JSON: ${(error as Error).message}`, {
      apiCode: "invalid_json",
    });
  }
}

/**
 * Parses a request body, or throws a 422 whose `error_details` name each field (`webhook_type`, not
 * `event.webhook_type`: the wrapper object is left out) and each unknown field.
 */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, wrapper?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // No prototype: a client's field may be called "constructor" or "__proto__".
  const details: FieldErrors = Object.create(null);
  const add = (path: PropertyKey[], message: string) => {
    const parts = path.map(String);
    if (wrapper && parts[0] === wrapper && parts.length > 1) parts.shift();
    (details[parts.join(".") || "base"] ??= []).push(message);
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys")
      issue.keys.forEach((key) => add([...issue.path, key], "is not a known field"));
    else add(issue.path, issue.message);
  }
  throw new AppError(AppErrorCode.InvalidInput, "The request has invalid fields.", { fieldErrors: details });
}
