import { z } from "zod";

/**
 * What kind of failure an `AppError` is. Each surface maps the kind to its own answer, once: the REST API in
 * `lib/api/http.ts`, the dashboard's JSON in `lib/api/dashboard.ts`, server actions in `lib/actions/safe-action.ts`.
 */
export const AppErrorCode = {
  /** The input is wrong; `fieldErrors` says where. */
  InvalidInput: "invalid",
  /** The request cannot be read at all (empty, not JSON, not UTF-8). */
  BadRequest: "bad_request",
  /** The request body is over the size limit. */
  TooLarge: "too_large",
  /** No session, or no valid API key. */
  Unauthorized: "unauthorized",
  /** Signed in, but not allowed to do this. */
  Forbidden: "forbidden",
  NotFound: "not_found",
  /** The record's state does not allow it: a duplicate, a change that raced another, a disabled endpoint. */
  Conflict: "conflict",
  /** A limit of the installation is reached. */
  LimitReached: "limit",
} as const;

export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export type FieldErrors = Record<string, string[]>;

/** An expected failure whose message is safe and useful to show to the caller. Anything else thrown is a bug. */
export class AppError extends Error {
  readonly fieldErrors?: FieldErrors;
  /** The REST API's `code` when it says more than the kind (`missing_api_key`, `invalid_json`). */
  readonly apiCode?: string;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors; apiCode?: string } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.fieldErrors = options.fieldErrors;
    this.apiCode = options.apiCode;
  }
}

/** What every surface says about a failure that is not an `AppError`: the details go to the log, never to the caller. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. The error was logged; please try again.";

/** Turns a zod failure into an `InvalidInput` error carrying per-field messages. */
export function fromZodError(error: z.ZodError, message = "Please correct the highlighted fields."): AppError {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  // One field wrong: its first message says it best. Several: point at the fields.
  const fields = Object.keys(fieldErrors);
  return new AppError(AppErrorCode.InvalidInput, fields.length === 1 ? fieldErrors[fields[0]][0] : message, {
    fieldErrors,
  });
}

/** Parses with zod, throwing an `InvalidInput` error on bad input. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}
