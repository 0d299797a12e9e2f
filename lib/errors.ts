import { z } from "zod";

/** An expected failure whose message is safe and useful to show to the caller. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "not_found" | "conflict" | "limit" | "forbidden" | "unauthorized" = "invalid",
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** What every server action returns. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Turns a zod failure into a UserError carrying per-field messages. */
export function fromZodError(error: z.ZodError, message = "Please correct the highlighted fields."): UserError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  // One field wrong: its first message says it best. Several: point at the fields.
  const fields = Object.keys(fieldErrors);
  return new UserError(fields.length === 1 ? fieldErrors[fields[0]][0] : message, "invalid", fieldErrors);
}

/** Parses with zod, throwing a UserError on bad input. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** Runs an action body: expected errors become their message, anything else is logged and shown generically. */
export async function toActionResult<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    // Next's redirect()/notFound() work by throwing: let them through.
    if (error instanceof Error && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
    console.error("[hookline] action failed", error);
    return { ok: false, error: "Something went wrong on our side. The error was logged; please try again." };
  }
}
