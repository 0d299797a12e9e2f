import type { z } from "zod";
import { config } from "@/lib/config";
import { AppError, AppErrorCode, INTERNAL_ERROR_MESSAGE, type FieldErrors } from "@/lib/errors";
import { logUnexpected } from "@/lib/observability/logger";
import type { OrgContext } from "@/lib/tenancy/context";
import { findOrganization } from "@/lib/tenancy/organizations";
import { authenticateApiKey, type AuthenticatedApiKey } from "./api-keys";

/** Lago's error body: `{ status, error, code }`, plus `error_details` for validation errors. */
export type LagoErrorBody = {
  status: number;
  error: string;
  code: string;
  error_details?: Record<string, string[]>;
  message?: string;
};

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The `error` of Lago's body: the status's reason phrase. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "Error";
}

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * What a request reads, whatever carries it: a Web `Request` under Next's route handlers, Node's `IncomingMessage`
 * on the web process's lean path (lib/api/lean-events.ts). `readBody` refuses (413) past `limit` bytes.
 */
export type HeaderSource = { get(name: string): string | null };
export type ApiRequest = { headers: HeaderSource; readBody(limit: number): Promise<string> };
/** An answer before it is written: JSON `body` with `status` (and `Cache-Control: no-store`, as jsonResponse). */
export type ApiAnswer = { status: number; body: unknown };

export function apiRequestOf(request: Request): ApiRequest {
  return { headers: request.headers, readBody: (limit) => readBodyText(request, limit) };
}

export function answerResponse(answer: ApiAnswer): Response {
  return jsonResponse(answer.body, answer.status);
}

/** A route handler from a transport-agnostic one (the lean path calls the same function). */
export function apiRoute(
  handler: (request: ApiRequest) => Promise<ApiAnswer>,
): (request: Request, context?: unknown) => Promise<Response> {
  return async (request) => answerResponse(await handler(apiRequestOf(request)));
}

function lagoErrorBody(
  status: number,
  code: string,
  extra: { message?: string; details?: Record<string, string[]> } = {},
): ApiAnswer {
  const body: LagoErrorBody = { status, error: reasonPhrase(status), code };
  if (extra.details) body.error_details = extra.details;
  if (extra.message) body.message = extra.message;
  return { status, body };
}

export function lagoError(
  status: number,
  code: string,
  extra: { message?: string; details?: Record<string, string[]> } = {},
): Response {
  return answerResponse(lagoErrorBody(status, code, extra));
}

/** 422 with Lago's `error_details` (field -> messages). */
export function validationError(details: Record<string, string[]>): Response {
  return lagoError(422, "validation_errors", { details });
}

/** The URL callers reach this installation at: HOOKLINE_PUBLIC_URL, else the request's own host (behind a proxy, its forwarded host). */
export function publicBaseUrl(headers: Headers): string {
  const configured = config().publicUrl;
  if (configured) return configured;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000").split(",")[0].trim();
  // Next serves plain HTTP itself; TLS is a proxy's, which says so in X-Forwarded-Proto.
  const proto = (headers.get("x-forwarded-proto") ?? "http").split(",")[0].trim();
  return `${proto}://${host}`;
}

export function bearerToken(request: { headers: HeaderSource }): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

/** The API key of the request; otherwise a 401 (missing, wrong and revoked keys answer alike). */
export async function requireApiKey(request: { headers: HeaderSource }): Promise<AuthenticatedApiKey> {
  const token = bearerToken(request);
  if (!token)
    throw new AppError(AppErrorCode.Unauthorized, "Send your API key as Authorization: Bearer <key>.", {
      apiCode: "missing_api_key",
    });
  const key = await authenticateApiKey(token);
  if (!key)
    throw new AppError(AppErrorCode.Unauthorized, "This API key is wrong or has been revoked.", {
      apiCode: "invalid_api_key",
    });
  return key;
}

/** The header an installation key names the organization it acts in with: its id or its external_id. */
export const ORGANIZATION_HEADER = "Hookline-Organization";

const UNKNOWN_ORGANIZATION = () =>
  new AppError(AppErrorCode.NotFound, "This organization does not exist.", { apiCode: "organization_not_found" });

/**
 * Who calls an organization's route, and in which organization. An organization's key acts in it alone (a
 * Hookline-Organization header naming another is a 404, as if it did not exist); an installation key acts in the
 * organization its Hookline-Organization header names, which it must send (422 naming the header).
 */
export async function requireApiContext(request: { headers: HeaderSource }): Promise<OrgContext> {
  const key = await requireApiKey(request);
  const named = request.headers.get(ORGANIZATION_HEADER)?.trim() || null;
  if (key.organizationId !== null) {
    if (named !== null) {
      const organization = await findOrganization(named);
      if (organization?.id !== key.organizationId) throw UNKNOWN_ORGANIZATION();
    }
    return { organizationId: key.organizationId, role: "admin", via: "apiKey" };
  }
  if (named === null) {
    const message = `is required with an installation API key: the id or external_id of the organization to act in`;
    throw new AppError(AppErrorCode.InvalidInput, `Send the ${ORGANIZATION_HEADER} header.`, {
      fieldErrors: { [ORGANIZATION_HEADER]: [message] },
    });
  }
  const organization = await findOrganization(named);
  if (!organization) throw UNKNOWN_ORGANIZATION();
  return { organizationId: organization.id, role: "admin", via: "installationKey" };
}

/** The platform API's caller: an installation key; an organization's key is refused (403). */
export async function requireInstallationKey(request: Request): Promise<AuthenticatedApiKey> {
  const key = await requireApiKey(request);
  if (key.organizationId !== null)
    throw new AppError(
      AppErrorCode.Forbidden,
      "This route takes an installation API key (HOOKLINE_INSTALLATION_API_KEY, or one the owner created); an organization's key acts inside its organization only.",
      { apiCode: "installation_key_required" },
    );
  return key;
}

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

export type ErrorOptions = {
  /** The code of a 404, named after the resource (Lago: `webhook_endpoint_not_found`). */
  notFoundCode?: string;
  /** Lago answers an action the record's state does not allow with 405 and this code (`invalid_status`); else a 422. */
  conflictCode?: string;
  /** Our field names -> the API's (e.g. `url` -> `webhook_url`), for `error_details`. */
  fieldNames?: Record<string, string>;
};

function renameFields(details: FieldErrors, names: Record<string, string> = {}): FieldErrors {
  const renamed: FieldErrors = Object.create(null);
  for (const [field, messages] of Object.entries(details)) {
    const [head, ...rest] = field.split(".");
    // zod reports errors on the whole object under "_"; Lago calls that "base".
    const key = [
      (Object.hasOwn(names, head) ? names[head] : undefined) ?? (head === "_" ? "base" : head),
      ...rest,
    ].join(".");
    (renamed[key] ??= []).push(...messages);
  }
  return renamed;
}

// Lago's statuses per kind: bad fields, a duplicate and a reached limit are all validation errors (422).
const STATUS: Record<AppErrorCode, number> = {
  invalid: 422,
  conflict: 422,
  limit: 422,
  bad_request: 400,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
};

/** Any thrown value -> Lago's answer: an AppError by its kind, anything else a logged 500. */
export function errorAnswer(error: unknown, options: ErrorOptions = {}): ApiAnswer {
  if (!(error instanceof AppError)) {
    logUnexpected("API request", error);
    return lagoErrorBody(500, "internal_error", { message: INTERNAL_ERROR_MESSAGE });
  }
  if (error.code === AppErrorCode.Conflict && options.conflictCode)
    return lagoErrorBody(405, options.conflictCode, { message: error.message });
  const status = STATUS[error.code];
  if (status === 422)
    return lagoErrorBody(422, "validation_errors", {
      details: renameFields(error.fieldErrors ?? { base: [error.message] }, options.fieldNames),
    });
  const code = error.apiCode ?? (error.code === AppErrorCode.NotFound ? options.notFoundCode : undefined) ?? error.code;
  return lagoErrorBody(status, code, { message: error.message });
}

export function errorResponse(error: unknown, options: ErrorOptions = {}): Response {
  return answerResponse(errorAnswer(error, options));
}

/** Wraps a route handler: thrown errors become Lago-shaped answers. */
export function apiHandler<C>(
  handler: (request: Request, context: C) => Promise<Response>,
  options: ErrorOptions = {},
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, options);
    }
  };
}
