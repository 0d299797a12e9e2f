import { createHash } from "node:crypto";
import { config } from "@/lib/config";
import { dbProvider, getDb, type Db } from "@/lib/db/client";

/**
 * Sign-in limits, kept in the database so every instance on one PostgreSQL shares them. An attempt is counted
 * before the password is checked (reserve, then verify), so concurrent guesses cannot all slip under a limit.
 * Three buckets, with N = HOOKLINE_LOGIN_MAX_FAILURES and W = HOOKLINE_LOGIN_WINDOW_MS:
 *  - client + email: N per W (one guesser against one account);
 *  - client: 4N per W (one guesser spraying accounts; checked first, so a locked client writes nothing more);
 *  - email: 2N per 4W, from clients that never signed in to it (a distributed guesser): a stranger cannot lock
 *    out an operator who signs in from a known client, and many addresses still get 2N guesses per 4W.
 * Keys are SHA-256 digests, whatever the input's length; rows end with their window and are pruned.
 */

export type Bucket = { key: string; limit: number; windowMs: number };

/** A client that signed in to an email is known to it for this long. */
export const KNOWN_CLIENT_MS = 30 * 24 * 3_600_000;
/** Expired rows are deleted at most this often per process. */
const PRUNE_EVERY_MS = 60_000;
/** Longest email kept before hashing: longer is not an address (RFC 5321 allows 254). */
const MAX_EMAIL_LENGTH = 320;

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("hex");

/** The email as the limits count it: trimmed, lower case, cut at a length no address reaches. */
export function emailKey(email: unknown): string {
  return String(typeof email === "string" ? email : "")
    .slice(0, MAX_EMAIL_LENGTH * 2)
    .trim()
    .toLowerCase()
    .slice(0, MAX_EMAIL_LENGTH);
}

function limits() {
  const { maxFailures, windowMs } = config().auth.login;
  return { maxFailures, windowMs };
}

/** The buckets an attempt is counted in, in the order they are reserved. */
export function bucketsFor(client: string, email: string, known: boolean): Bucket[] {
  const { maxFailures, windowMs } = limits();
  const buckets: Bucket[] = [
    { key: `client:${digest(client)}`, limit: 4 * maxFailures, windowMs },
    { key: `pair:${digest(client, email)}`, limit: maxFailures, windowMs },
  ];
  if (!known) buckets.push({ key: `email:${digest(email)}`, limit: 2 * maxFailures, windowMs: 4 * windowMs });
  return buckets;
}

const knownKey = (client: string, email: string) => `known:${digest(client, email)}`;

type Row = { attempts: number | bigint; windowStart: Date | number | bigint };
type Reservation = { bucket: Bucket; windowStart: Date };

/** Counts one attempt in the bucket (a new window when the last one ended); returns the count and the window's start. */
async function count(db: Db, bucket: Bucket, now: Date): Promise<{ attempts: number; windowStart: Date }> {
  const windowOver = new Date(now.getTime() - bucket.windowMs);
  const end = new Date(now.getTime() + bucket.windowMs);
  let rows: Row[];
  if (dbProvider() === "postgresql") {
    rows = await db.$queryRaw<Row[]>`
      INSERT INTO "login_throttles" AS t ("key", "attempts", "windowStart", "expiresAt")
      VALUES (${bucket.key}, 1, ${now}::timestamp, ${end}::timestamp)
      ON CONFLICT ("key") DO UPDATE SET
        "attempts" = CASE WHEN t."windowStart" <= ${windowOver}::timestamp THEN 1 ELSE t."attempts" + 1 END,
        "windowStart" = CASE WHEN t."windowStart" <= ${windowOver}::timestamp THEN ${now}::timestamp ELSE t."windowStart" END,
        "expiresAt" = CASE WHEN t."windowStart" <= ${windowOver}::timestamp THEN ${end}::timestamp ELSE t."expiresAt" END
      RETURNING "attempts", "windowStart"`;
  } else {
    // SQLite keeps DateTime as Unix milliseconds.
    rows = await db.$queryRaw<Row[]>`
      INSERT INTO "login_throttles" ("key", "attempts", "windowStart", "expiresAt")
      VALUES (${bucket.key}, 1, ${now.getTime()}, ${end.getTime()})
      ON CONFLICT ("key") DO UPDATE SET
        "attempts" = CASE WHEN "windowStart" <= ${windowOver.getTime()} THEN 1 ELSE "attempts" + 1 END,
        "windowStart" = CASE WHEN "windowStart" <= ${windowOver.getTime()} THEN ${now.getTime()} ELSE "windowStart" END,
        "expiresAt" = CASE WHEN "windowStart" <= ${windowOver.getTime()} THEN ${end.getTime()} ELSE "expiresAt" END
      RETURNING "attempts", "windowStart"`;
  }
  const [row] = rows;
  const start = row.windowStart instanceof Date ? row.windowStart : new Date(Number(row.windowStart));
  return { attempts: Number(row.attempts), windowStart: start };
}

/** Gives back an attempt that turned out not to be a failure (or was never checked), in the same window only. */
async function release(db: Db, { bucket, windowStart }: Reservation): Promise<void> {
  await db.loginThrottle.updateMany({
    where: { key: bucket.key, windowStart, attempts: { gt: 0 } },
    data: { attempts: { decrement: 1 } },
  });
}

export type Reserved = { ok: true; reservations: Reservation[] } | { ok: false; retryAfterMs: number };

/**
 * Reserves one attempt in each bucket, in order. The first bucket over its limit refuses the attempt; the
 * reservations made before it are given back, so a refused attempt costs the other buckets nothing.
 */
export async function reserve(buckets: Bucket[], now = new Date(), db: Db = getDb()): Promise<Reserved> {
  await prune(db, now);
  const reservations: Reservation[] = [];
  for (const bucket of buckets) {
    const { attempts, windowStart } = await count(db, bucket, now);
    if (attempts > bucket.limit) {
      await Promise.all(reservations.map((reservation) => release(db, reservation)));
      return { ok: false, retryAfterMs: Math.max(windowStart.getTime() + bucket.windowMs - now.getTime(), 1000) };
    }
    reservations.push({ bucket, windowStart });
  }
  return { ok: true, reservations };
}

/** After a right password: the attempt was no failure, the client + email run of failures ends. */
export async function succeeded(reserved: Reservation[], db: Db = getDb()): Promise<void> {
  await Promise.all(
    reserved.map((reservation) =>
      reservation.bucket.key.startsWith("pair:")
        ? db.loginThrottle.deleteMany({ where: { key: reservation.bucket.key } })
        : release(db, reservation),
    ),
  );
}

/** Whether this client signed in to this email within KNOWN_CLIENT_MS. */
export async function isKnownClient(
  client: string,
  email: string,
  now = new Date(),
  db: Db = getDb(),
): Promise<boolean> {
  const row = await db.loginThrottle.findUnique({
    where: { key: knownKey(client, email) },
    select: { expiresAt: true },
  });
  return row !== null && row.expiresAt > now;
}

export async function rememberClient(client: string, email: string, now = new Date(), db: Db = getDb()): Promise<void> {
  const key = knownKey(client, email);
  const expiresAt = new Date(now.getTime() + KNOWN_CLIENT_MS);
  await db.loginThrottle.upsert({
    where: { key },
    create: { key, windowStart: now, expiresAt },
    update: { windowStart: now, expiresAt },
  });
}

const globalForPrune = globalThis as unknown as { hooklineThrottlePrunedAt?: number };

/** Deletes rows whose window (or known client) has ended, at most once a minute per process. */
export async function prune(db: Db = getDb(), now = new Date(), force = false): Promise<number> {
  if (!force && now.getTime() - (globalForPrune.hooklineThrottlePrunedAt ?? 0) < PRUNE_EVERY_MS) return 0;
  globalForPrune.hooklineThrottlePrunedAt = now.getTime();
  return (await db.loginThrottle.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
