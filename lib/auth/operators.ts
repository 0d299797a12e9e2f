import { getDb } from "@/lib/db/client";
import { parseInput, UserError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { credentialsSchema, setupSchema } from "./schemas";

export async function hasOperator(): Promise<boolean> {
  return (await getDb().operator.count()) > 0;
}

/** Creates the first operator; refused once any operator exists (the setup page is one-shot). */
export async function createFirstOperator(input: unknown): Promise<{ id: string; email: string }> {
  const { email, password } = parseInput(setupSchema, input);
  const passwordHash = await hashPassword(password);
  const db = getDb();
  return db.$transaction(async (tx) => {
    if ((await tx.operator.count()) > 0) throw new UserError("An admin account already exists. Sign in instead.", "conflict");
    return tx.operator.create({ data: { email, passwordHash }, select: { id: true, email: true } });
  });
}

/** HOOKLINE_ADMIN_EMAIL / HOOKLINE_ADMIN_PASSWORD create the first operator without the setup page. */
export async function ensureEnvOperator(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const email = env.HOOKLINE_ADMIN_EMAIL;
  const password = env.HOOKLINE_ADMIN_PASSWORD;
  if (!email || !password || (await hasOperator())) return false;
  await createFirstOperator({ email, password, confirm: password }).catch((error: unknown) => {
    if (error instanceof UserError && error.code === "conflict") return; // another instance was first
    throw error;
  });
  return true;
}

/** Checks credentials; returns the operator or null. Rate limiting is the caller's (it knows the client). */
export async function checkCredentials(input: unknown): Promise<{ id: string; email: string } | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const operator = await getDb().operator.findUnique({ where: { email: parsed.data.email } });
  if (!operator) {
    await hashPassword(parsed.data.password); // same cost whether or not the email exists
    return null;
  }
  return (await verifyPassword(parsed.data.password, operator.passwordHash)) ? { id: operator.id, email: operator.email } : null;
}
