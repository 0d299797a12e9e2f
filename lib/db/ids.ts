import { randomUUID } from "node:crypto";

/**
 * A UUIDv7 (time-ordered, like the ids Prisma generates), for rows inserted with raw SQL: the millisecond, then
 * the random bits of a v4 UUID (randomUUID draws from a cached pool; randomBytes(16) is a call into OpenSSL each).
 */
export function uuidv7(ms = Date.now()): string {
  const time = ms.toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

/** The 12 hex digits of a millisecond time, as UUIDv7 ids made in SQL start with (emit.ts). */
export function uuidv7TimeHex(ms: number): string {
  return ms.toString(16).padStart(12, "0");
}
