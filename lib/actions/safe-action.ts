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
import { memberContext, requireRole, type OrgContext, type OrgOperator, type Role } from "@/lib/tenancy/context";
import { isId } from "@/lib/webhooks/schemas";

/** What every server action returns: its data, or a message to show (with per-field messages for a form). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** An action as the client calls it. */
export type Action<I, T> = (input: I) => Promise<ActionResult<T>>;

/** Who runs the action, in which organization, with which role. */
export type ActionContext = OrgContext & { operator: OrgOperator };

/** Every organization's action names the organization it acts in, beside its own fields (an empty schema has none). */
export type OrganizationInput<I> = (string extends keyof I ? unknown : I) & { organizationId: string };

export type ActionOptions<I, T> = {
  /** The weakest role that may run it; admin unless said otherwise (a viewer only reads). */
  role?: Role;
  /** The pages to re-render after success, from the parsed input, the result and the context. */
  revalidate?: (input: I, data: T, context: ActionContext) => string[];
};

const NOT_A_MEMBER = "This organization does not exist, or you are not a member of it.";

/** The operator's context in the organization the input names: not a member (or no such organization) is NotFound. */
async function organizationContext(input: unknown): Promise<{ context: ActionContext; rest: unknown }> {
  const operator = await requireOperatorForAction();
  const { organizationId, ...rest } = (typeof input === "object" && input !== null ? input : {}) as {
    organizationId?: unknown;
  };
  if (!isId(organizationId)) throw new AppError(AppErrorCode.NotFound, NOT_A_MEMBER);
  const context = await memberContext(operator, organizationId);
  return { context: { ...context, operator: context.operator ?? { ...operator, isOwner: false } }, rest };
}

/**
 * A server action in an organization, for its signed-in members. The session is checked first, so a signed-out
 * caller gets the same answer whatever it sends; then the membership in `input.organizationId` (none: NotFound, as
 * for an organization that does not exist), then the role; then the rest of the input is parsed with `schema`, `fn`
 * runs with the context (every lib call it makes is scoped by it) and pages re-render.
 */
export function operatorAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, context: ActionContext) => Promise<T>,
  options: ActionOptions<z.output<S>, T> = {},
): Action<OrganizationInput<z.input<S>>, T> {
  return async (input) =>
    toActionResult(async () => {
      const { context, rest } = await organizationContext(input);
      requireRole(context, options.role ?? "admin");
      const parsed = parseInput(schema, rest);
      const data = await fn(parsed, context);
      for (const path of options.revalidate?.(parsed, data, context) ?? []) revalidatePath(path);
      return data;
    });
}

/**
 * A server action on the signed-in operator's own account (password, sessions): the session only, in no
 * organization. Everything that touches an organization's data is an `operatorAction`.
 */
export function accountAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, operator: SessionOperator) => Promise<T>,
): Action<z.input<S>, T> {
  return async (input) =>
    toActionResult(async () => {
      const operator = await requireOperatorForAction();
      return run(schema, input, (parsed) => fn(parsed, operator), {});
    });
}

/** A server action anyone may call: only for creating the first operator, which refuses once one exists. */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>) => Promise<T>,
  options: { revalidate?: (input: z.output<S>, data: T) => string[] } = {},
): Action<z.input<S>, T> {
  return async (input) => toActionResult(() => run(schema, input, fn, options));
}

async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: (input: z.output<S>) => Promise<T>,
  options: { revalidate?: (input: z.output<S>, data: T) => string[] },
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
