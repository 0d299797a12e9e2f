// The REST API's answers: JSON responses, Lago's error shapes and the one mapping of errors to them. Who calls is
// in auth.ts, reading the request's body in body.ts.
import { config } from "@/lib/config";
import { AppError, AppErrorCode, INTERNAL_ERROR_MESSAGE, type FieldErrors } from "@/lib/errors";
import { logUnexpected } from "@/lib/observability/logger";
import { readBodyText } from "./body";

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

/** The `error` text of Lago's body: the reason phrase of the statuses the API answers, else "Error". */
export function lagoErrorText(status: number): string {
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
  const body: LagoErrorBody = { status, error: lagoErrorText(status), code };
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
