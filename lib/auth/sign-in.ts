import { getDb, type Db } from "@/lib/db/client";
import { countSignInFailure } from "@/lib/observability/metrics";
import { checkCredentials, type CheckedOperator } from "./operators";
import { bucketsFor, emailKey, isKnownClient, rememberClient, reserve, succeeded } from "./throttle";

export type SignInOutcome =
  | { ok: true; operator: CheckedOperator }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * One sign-in attempt from `client`: reserved in every limit first, then the password is checked (the slow
 * part), so however many attempts run at once, at most the limit of them are checked.
 */
export async function attemptSignIn(
  credentials: { email?: unknown; password?: unknown } | undefined,
  client: string,
  options: { now?: Date; db?: Db; check?: typeof checkCredentials } = {},
): Promise<SignInOutcome> {
  const { now = new Date(), db = getDb(), check = checkCredentials } = options;
  const email = emailKey(credentials?.email);
  const known = await isKnownClient(client, email, now, db);
  const reserved = await reserve(bucketsFor(client, email, known), now, db);
  if (!reserved.ok) {
    countSignInFailure("throttled");
    return { ok: false, reason: "throttled", retryAfterMs: reserved.retryAfterMs };
  }
  const operator = await check({ email: credentials?.email, password: credentials?.password });
  if (!operator) {
    countSignInFailure("wrong");
    return { ok: false, reason: "wrong" };
  }
  await succeeded(reserved.reservations, db);
  await rememberClient(client, email, now, db);
  return { ok: true, operator };
}

/** What the sign-in form shows for a refused attempt. */
export function throttledMessage(retryAfterMs: number): string {
  return `Too many failed attempts. Try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`;
}
