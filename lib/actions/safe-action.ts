// The one wrapper every server action goes through: who may run it, then its input, then the work, then what
// the dashboard must re-render; every outcome becomes an ActionResult.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireOperatorForAction, type SessionOperator } from "@/lib/auth/session";
import {
  AppError,
  AppErrorCode,
  INTERNAL_ERROR_MESSAGE,
  logUnexpected,
  parseInput,
  type FieldErrors,
} from "@/lib/errors";
import { roleAllows, type Role } from "@/lib/tenancy/context";

/** What every server action returns: its data, or a message to show (with per-field messages for a form). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** An action as the client calls it. */
export type Action<I, T> = (input: I) => Promise<ActionResult<T>>;

/** Who runs the action. Organizations will add the organization the operator acts in. */
export type ActionContext = { operator: SessionOperator; role: Role };

export type ActionOptions<I, T> = {
  /** The weakest role that may run it; admin unless said otherwise. */
  role?: Role;
  /** The pages to re-render after success, from the parsed input and the result. */
  revalidate?: (input: I, data: T) => string[];
};

// One installation, one team: until organizations exist, every operator administers it.
async function operatorContext(): Promise<ActionContext> {
  return { operator: await requireOperatorForAction(), role: "admin" };
}

/**
 * A server action for signed-in operators. The session is checked first, so a signed-out caller gets the same
 * answer whatever it sends; then the role, then the input is parsed with `schema`, `fn` runs and pages re-render.
 */
export function operatorAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, context: ActionContext) => Promise<T>,
  options: ActionOptions<z.output<S>, T> = {},
): Action<z.input<S>, T> {
  return async (input) =>
    toActionResult(async () => {
      const context = await operatorContext();
      if (!roleAllows(context.role, options.role ?? "admin")) {
        throw new AppError(AppErrorCode.Forbidden, "Your role does not allow this. Ask an admin.");
      }
      return run(schema, input, (parsed) => fn(parsed, context), options);
    });
}

/** A server action anyone may call: creating the first operator (refused once one exists) and joining with an invitation link (the link is the credential). */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>) => Promise<T>,
  options: Pick<ActionOptions<z.output<S>, T>, "revalidate"> = {},
): Action<z.input<S>, T> {
  return async (input) => toActionResult(() => run(schema, input, fn, options));
}

async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: (input: z.output<S>) => Promise<T>,
  options: ActionOptions<z.output<S>, T>,
): Promise<T> {
  const parsed = parseInput(schema, input);
  const data = await fn(parsed);
  for (const path of options.revalidate?.(parsed, data) ?? []) revalidatePath(path);
  return data;
}

/** Expected errors become their message; Next's redirect() and notFound() pass; anything else is logged and hidden. */
async function toActionResult<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof AppError) {
      return error.fieldErrors
        ? { ok: false, error: error.message, fieldErrors: error.fieldErrors }
        : { ok: false, error: error.message };
    }
    if (error instanceof Error && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
    logUnexpected("action", error);
    return { ok: false, error: INTERNAL_ERROR_MESSAGE };
  }
}
