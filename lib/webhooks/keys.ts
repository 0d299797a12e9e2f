import { createPrivateKey, createPublicKey, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { getDb, type Db } from "@/lib/db/client";

export type SigningKey = { privateKeyPem: string; publicKeyPem: string };

/** Where the generated key is kept in the `settings` table. */
export const RSA_KEY_SETTING = "rsa_private_key";

const generate = promisify(generateKeyPair);
let cached: Promise<SigningKey> | null = null;

/** Accepts what HOOKLINE_RSA_PRIVATE_KEY holds: base64 of a PEM, as Lago's LAGO_RSA_PRIVATE_KEY (a raw PEM works too). */
function pemFromEnv(value: string): string {
  const text = value.trim().startsWith("-----BEGIN") ? value : Buffer.from(value, "base64").toString("utf8");
  if (!text.includes("-----BEGIN")) throw new Error("HOOKLINE_RSA_PRIVATE_KEY must be the base64 of a PEM private key.");
  return text;
}

function toSigningKey(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error("The webhook signing key must be an RSA key.");
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { privateKeyPem, publicKeyPem };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function loadOrCreate(db: Db): Promise<SigningKey> {
  const fromEnv = process.env.HOOKLINE_RSA_PRIVATE_KEY;
  if (fromEnv) return toSigningKey(pemFromEnv(fromEnv));

  const stored = await db.setting.findUnique({ where: { key: RSA_KEY_SETTING } });
  if (stored) return toSigningKey(stored.value);

  const { privateKey } = await generate("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  try {
    await db.setting.create({ data: { key: RSA_KEY_SETTING, value: pem } });
  } catch (error) {
    // Another instance stored its key first: everyone signs with that one.
    if (!isUniqueViolation(error)) throw error;
  }
  const winner = await db.setting.findUniqueOrThrow({ where: { key: RSA_KEY_SETTING } });
  return toSigningKey(winner.value);
}

/**
 * The installation's RSA key for JWT signatures: HOOKLINE_RSA_PRIVATE_KEY, else the one generated once and kept
 * in the database. It never changes by itself; cached for the life of the process.
 */
export function getSigningKey(db: Db = getDb()): Promise<SigningKey> {
  cached ??= loadOrCreate(db).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** The public key as Lago serves it at /api/v1/webhooks/public_key: base64 of the PEM. */
export async function publicKeyBase64(db: Db = getDb()): Promise<string> {
  return Buffer.from((await getSigningKey(db)).publicKeyPem).toString("base64");
}

/** Forgets the cached key (tests that switch databases or the env key). */
export function forgetSigningKey(): void {
  cached = null;
}
