import { config } from "@/lib/config";
import { dbProvider, getDb } from "@/lib/db/client";
import { execute, statement } from "@/lib/db/sql";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { credentialsSchema, setupSchema } from "./schemas";

/** An operator whose password was just checked; `sessionVersion` goes into the session (see session.ts). */
export type CheckedOperator = { id: string; email: string; sessionVersion: number };

// Any constant: the lock that makes the first-operator setup one at a time on PostgreSQL.
const SETUP_LOCK = 72707371;
const TAKE_SETUP_LOCK = statement<{ key: number }>(`SELECT pg_advisory_xact_lock(:key)`);

export async function hasOperator(): Promise<boolean> {
  return (await getDb().operator.count()) > 0;
}

/**
 * Creates the first operator, the installation's owner and an admin of the Default organization; refused once any
 * operator exists (the setup page is one-shot).
 */
export async function createFirstOperator(input: unknown): Promise<{ id: string; email: string }> {
  const { email, password } = parseInput(setupSchema, input);
  const passwordHash = await hashPassword(password);
  const db = getDb();
  return db.$transaction(async (tx) => {
    // Count-then-insert is atomic only under this lock on PostgreSQL (SQLite runs one write transaction at a time).
    if (dbProvider() === "postgresql") await execute(tx, TAKE_SETUP_LOCK, { key: SETUP_LOCK });
    if ((await tx.operator.count()) > 0)
      throw new AppError(AppErrorCode.Conflict, "An admin account already exists. Sign in instead.");
    return tx.operator.create({
      data: {
        email,
        passwordHash,
        isOwner: true,
        memberships: { create: { organizationId: DEFAULT_ORGANIZATION_ID, role: "admin" } },
      },
      select: { id: true, email: true },
    });
  });
}

/** HOOKLINE_ADMIN_EMAIL / HOOKLINE_ADMIN_PASSWORD create the first operator without the setup page. */
export async function ensureEnvOperator(
  admin: { email: string; password: string } | null = config().auth.admin,
): Promise<boolean> {
  if (!admin || (await hasOperator())) return false;
  await createFirstOperator({ email: admin.email, password: admin.password, confirm: admin.password }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === AppErrorCode.Conflict) return; // another instance was first
      throw error;
    },
  );
  return true;
}

/** Checks credentials; returns the operator or null. Rate limiting is the caller's (sign-in.ts). */
export async function checkCredentials(input: unknown): Promise<CheckedOperator | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const operator = await getDb().operator.findUnique({ where: { email: parsed.data.email } });
  if (!operator) {
    await hashPassword(parsed.data.password); // same cost whether or not the email exists
    return null;
  }
  if (!(await verifyPassword(parsed.data.password, operator.passwordHash))) return null;
  return { id: operator.id, email: operator.email, sessionVersion: operator.sessionVersion };
}
