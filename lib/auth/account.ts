import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { hashPassword } from "./password";
import { PASSWORD_MAX, PASSWORD_MIN } from "./schemas";
import type { SessionOperator } from "./session";
import { attemptSignIn, throttledMessage } from "./sign-in";

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX),
    password: z
      .string()
      .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
      .max(PASSWORD_MAX, "Password is too long."),
    confirm: z.string().max(PASSWORD_MAX),
  })
  .refine((input) => input.password === input.confirm, { message: "The passwords do not match.", path: ["confirm"] });

/**
 * Ends every session of the operator, on every device, by raising its session version. With `ifVersion`, only when
 * that is still the current version (a sign-out with an already ended session changes nothing).
 */
export async function endSessions(operatorId: string, ifVersion?: number): Promise<void> {
  await getDb().operator.updateMany({
    where: { id: operatorId, ...(ifVersion === undefined ? {} : { sessionVersion: ifVersion }) },
    data: { sessionVersion: { increment: 1 } },
  });
}

/**
 * Changes the operator's password once the current one is checked (as a sign-in from `client` would be, limits
 * included), and ends every session: the form signs in again with the new password.
 */
export async function changePassword(operator: SessionOperator, input: unknown, client: string): Promise<void> {
  const { current, password } = parseInput(changePasswordSchema, input);
  const checked = await attemptSignIn({ email: operator.email, password: current }, client);
  if (!checked.ok && checked.reason === "throttled")
    throw new AppError(AppErrorCode.LimitReached, throttledMessage(checked.retryAfterMs));
  if (!checked.ok || checked.operator.id !== operator.id) {
    throw new AppError(AppErrorCode.InvalidInput, "The current password is wrong.", {
      fieldErrors: { current: ["The current password is wrong."] },
    });
  }
  const passwordHash = await hashPassword(password);
  await getDb().operator.update({
    where: { id: operator.id },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
}
