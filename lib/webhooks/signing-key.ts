import { createHash, createPrivateKey, createPublicKey, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { config, type Config } from "@/lib/config";
import { getDb, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, AppErrorCode } from "@/lib/errors";
import { rotationOverlapMs } from "./rotation-window";

export type SigningKey = { privateKeyPem: string; publicKeyPem: string };

/** Where the generated key is kept in the `settings` table. */
export const RSA_KEY_SETTING = "rsa_private_key";
/** The public half of the key a rotation replaced, and until when it is served: `{ publicKeyPem, expiresAt }`. */
export const RSA_PREVIOUS_KEY_SETTING = "rsa_previous_public_key";

// Another instance may rotate the key: a cached key is read again after this long.
const CACHE_MS = 60_000;

const generate = promisify(generateKeyPair);
// On globalThis: Next bundles route handlers, server actions and instrumentation separately, and a rotation in one
// must reach the others in this process at once (a module variable would exist once per bundle).
type Cache = { key: Promise<SigningKey>; at: number };
const store = globalThis as unknown as { hooklineSigningKey?: Cache | null };

function toSigningKey(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error("The webhook signing key must be an RSA key.");
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { privateKeyPem, publicKeyPem };
}

async function newPrivateKeyPem(): Promise<string> {
  const { privateKey } = await generate("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

async function loadOrCreate(db: Db): Promise<SigningKey> {
  const fromEnv = config().signing.rsaPrivateKeyPem;
  if (fromEnv) return toSigningKey(fromEnv);

  const stored = await db.setting.findUnique({ where: { key: RSA_KEY_SETTING } });
  if (stored) return toSigningKey(stored.value);

  try {
    await db.setting.create({ data: { key: RSA_KEY_SETTING, value: await newPrivateKeyPem() } });
  } catch (error) {
    // Another instance stored its key first: everyone signs with that one.
    if (!isUniqueViolation(error)) throw error;
  }
  const winner = await db.setting.findUniqueOrThrow({ where: { key: RSA_KEY_SETTING } });
  return toSigningKey(winner.value);
}

/**
 * The installation's RSA key for JWT signatures: HOOKLINE_RSA_PRIVATE_KEY, else the one generated once and kept
 * in the database (replaced only by `rotateSigningKey`). Cached for a minute, so a rotation elsewhere is picked up.
 */
export function getSigningKey(db: Db = getDb()): Promise<SigningKey> {
  const cached = store.hooklineSigningKey;
  if (cached && Date.now() - cached.at <= CACHE_MS) return cached.key;
  const entry: Cache = {
    at: Date.now(),
    key: loadOrCreate(db).catch((error: unknown) => {
      if (store.hooklineSigningKey === entry) store.hooklineSigningKey = null;
      throw error;
    }),
  };
  store.hooklineSigningKey = entry;
  return entry.key;
}

const base64 = (pem: string) => Buffer.from(pem).toString("base64");

/** The public key as Lago serves it at /api/v1/webhooks/public_key: base64 of the PEM. */
export async function publicKeyBase64(db: Db = getDb()): Promise<string> {
  return base64((await getSigningKey(db)).publicKeyPem);
}

type PreviousKey = { publicKeyPem: string; expiresAt: Date };

/** The key a rotation replaced, while its overlap lasts (never when the key comes from the environment). */
async function previousKey(db: Db, now = new Date()): Promise<PreviousKey | null> {
  if (config().signing.rsaPrivateKeyPem) return null;
  const stored = await db.setting.findUnique({ where: { key: RSA_PREVIOUS_KEY_SETTING } });
  if (!stored) return null;
  try {
    const { publicKeyPem, expiresAt } = JSON.parse(stored.value) as { publicKeyPem: string; expiresAt: string };
    const expires = new Date(expiresAt);
    return expires > now && publicKeyPem.includes("-----BEGIN PUBLIC KEY-----")
      ? { publicKeyPem, expiresAt: expires }
      : null;
  } catch {
    return null;
  }
}

/** The current public key and, during a rotation's overlap, the previous one (both base64 of a PEM). */
export async function publicKeys(
  db: Db = getDb(),
): Promise<{ current: string; previous: { publicKey: string; expiresAt: Date } | null }> {
  const [key, previous] = await Promise.all([getSigningKey(db), previousKey(db)]);
  return {
    current: base64(key.publicKeyPem),
    previous: previous && { publicKey: base64(previous.publicKeyPem), expiresAt: previous.expiresAt },
  };
}

/** A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its DER form. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return (createHash("sha256").update(der).digest("hex").slice(0, 16).match(/.{4}/g) ?? []).join(":");
}

export type SigningKeyStatus = {
  source: "env" | "database";
  fingerprint: string;
  /** When the database key was generated or rotated in (null for the env key). */
  since: Date | null;
  previous: { fingerprint: string; expiresAt: Date } | null;
  /** The `iss` claim of every JWT, and whether HOOKLINE_PUBLIC_URL or the PORT default gave it. */
  issuer: Config["jwtIssuer"];
};

/** What the dashboard shows about the signing key: where it comes from, its fingerprint, and any previous key. */
export async function signingKeyStatus(db: Db = getDb()): Promise<SigningKeyStatus> {
  const key = await getSigningKey(db);
  const fromEnv = Boolean(config().signing.rsaPrivateKeyPem);
  const [stored, previous] = await Promise.all([
    fromEnv ? null : db.setting.findUnique({ where: { key: RSA_KEY_SETTING }, select: { updatedAt: true } }),
    previousKey(db),
  ]);
  return {
    source: fromEnv ? "env" : "database",
    fingerprint: keyFingerprint(key.publicKeyPem),
    since: stored?.updatedAt ?? null,
    previous: previous && { fingerprint: keyFingerprint(previous.publicKeyPem), expiresAt: previous.expiresAt },
    issuer: config().jwtIssuer,
  };
}

/**
 * Generates a new RSA key and makes it current: JWTs are signed with it at once, and /public_key serves it. The old
 * public key is served as `previous_public_key` by /json_public_key until now + the overlap. Refused when
 * HOOKLINE_RSA_PRIVATE_KEY is set: the environment owns the key.
 */
export async function rotateSigningKey(db: Db = getDb(), now = new Date()): Promise<SigningKeyStatus> {
  if (config().signing.rsaPrivateKeyPem) {
    throw new AppError(
      AppErrorCode.Conflict,
      "The signing key comes from HOOKLINE_RSA_PRIVATE_KEY: to rotate it, set a new key in that variable and restart Hookline.",
    );
  }
  const overlapMs = rotationOverlapMs();
  const current = await loadOrCreate(db);
  const next = await newPrivateKeyPem();
  const previous = { publicKeyPem: current.publicKeyPem, expiresAt: new Date(now.getTime() + overlapMs).toISOString() };
  await db.$transaction(async (tx) => {
    // Conditional on the key we read: of two rotations at once, one wins and the other is told.
    const { count } = await tx.setting.updateMany({
      where: { key: RSA_KEY_SETTING, value: current.privateKeyPem },
      data: { value: next },
    });
    if (count === 0)
      throw new AppError(
        AppErrorCode.Conflict,
        "The signing key was rotated meanwhile. Reload to see the current key.",
      );
    if (overlapMs > 0) {
      await tx.setting.upsert({
        where: { key: RSA_PREVIOUS_KEY_SETTING },
        create: { key: RSA_PREVIOUS_KEY_SETTING, value: JSON.stringify(previous) },
        update: { value: JSON.stringify(previous) },
      });
    } else {
      await tx.setting.deleteMany({ where: { key: RSA_PREVIOUS_KEY_SETTING } });
    }
  });
  forgetSigningKey();
  return signingKeyStatus(db);
}

/** Forgets the cached key (tests that switch databases or the env key; after a rotation). */
export function forgetSigningKey(): void {
  store.hooklineSigningKey = null;
}
