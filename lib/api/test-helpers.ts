// Calls route handlers as Next does, for the API's tests.
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import { errorResponse, type LagoErrorBody } from "./http";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { createApiKey, type KeyOwner } from "./api-keys";

export const BASE = "http://hookline.test";

export type CallOptions = { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> };

/** A Request to `path`: JSON-encodes `body` (or sends `raw` as is) and adds `Authorization: Bearer <key>`. */
export function apiRequest(method: string, path: string, { key, body, raw, headers = {} }: CallOptions = {}): Request {
  const all: Record<string, string> = { ...headers };
  if (key) all.authorization = `Bearer ${key}`;
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) all["content-type"] ??= "application/json";
  return new Request(`${BASE}${path}`, { method, headers: all, body: payload });
}

/** Next's second argument for a dynamic segment. */
export function params<P extends Record<string, string>>(values: P): { params: Promise<P> } {
  return { params: Promise.resolve(values) };
}

/** A new API key of `owner` (the Default organization unless said; `INSTALLATION` for an installation key). */
export async function newKey(
  name = "tests",
  owner: KeyOwner = { organizationId: DEFAULT_ORGANIZATION_ID },
): Promise<string> {
  return (await createApiKey(owner, name)).key;
}

/** Status and parsed JSON body of an answer, typed as the test expects it. */
export async function read<T = LagoErrorBody>(response: Response): Promise<{ status: number; body: T }> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The REST answer to a call that failed: its AppError through `errorResponse`, with the body's fields. */
export async function thrown(
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
