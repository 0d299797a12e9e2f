import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { noControlCharacters } from "@/lib/webhooks/schemas";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { DEFAULT_ORGANIZATION_ID, type OrgScope } from "@/lib/tenancy/context";

/** Every generated key starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = "hl_";
/** lastUsedAt is written at most this often per key: authentication must not be a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** The longest bearer token worth hashing; anything longer is not a key of ours. */
const MAX_KEY_LENGTH = 512;
export const ENV_API_KEY_NAME = "HOOKLINE_API_KEY (environment)";
export const ENV_INSTALLATION_API_KEY_NAME = "HOOKLINE_INSTALLATION_API_KEY (environment)";

/**
 * Whose keys: an organization's (they act inside it only), or the installation's (`organizationId: null`: the
 * platform API, and any organization named by the Hookline-Organization header). One scope for every key query.
 */
export type KeyOwner = OrgScope | { organizationId: null };
export const INSTALLATION: KeyOwner = { organizationId: null };

const keyScope = (owner: KeyOwner) => ({ organizationId: owner.organizationId });

export const apiKeyNameSchema = z
  .string({ message: "Name the API key." })
  .trim()
  .min(1, "Name the API key.")
  .max(100, "The name must be at most 100 characters.")
  .refine(...noControlCharacters("The name"));

/** `installation`: an installation key, which only the installation's owner may create or revoke. */
export const createApiKeyInputSchema = z.strictObject({ name: apiKeyNameSchema, installation: z.boolean().optional() });
export const revokeApiKeyInputSchema = z.strictObject({
  id: z.string().min(1).max(64),
  installation: z.boolean().optional(),
});

/** What the dashboard may see of a key: never its hash. */
export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The part of a key shown in the list: enough to recognise it, too little to guess the rest. */
export function prefixOf(key: string): string {
  return key.startsWith(API_KEY_PREFIX) ? key.slice(0, API_KEY_PREFIX.length + 8) : key.slice(0, 4);
}

/** Creates a key of `owner`; the returned `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey(
  owner: KeyOwner,
  name: string,
): Promise<{ id: string; name: string; prefix: string; key: string }> {
  const validName = parseInput(apiKeyNameSchema, name);
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await getDb().apiKey.create({
    data: { ...keyScope(owner), name: validName, prefix: prefixOf(key), keyHash: hashApiKey(key) },
    select: { id: true, name: true, prefix: true },
  });
  return { ...row, key };
}

/** The keys of `owner`, newest first (a handful each: no paging needed). */
export async function listApiKeys(owner: KeyOwner): Promise<ApiKeySummary[]> {
  return getDb().apiKey.findMany({
    where: keyScope(owner),
    select: summarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Revokes a key of `owner` at once; revoking a revoked key changes nothing; anyone else's key is not found. */
export async function revokeApiKey(owner: KeyOwner, id: string): Promise<ApiKeySummary> {
  const { id: validId } = parseInput(revokeApiKeyInputSchema, { id });
  const db = getDb();
  const where = { ...keyScope(owner), id: validId };
  await db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  keyCache().clear();
  const row = await db.apiKey.findFirst({ where, select: summarySelect });
  if (!row) throw new AppError(AppErrorCode.NotFound, "This API key does not exist.");
  return row;
}

/** A key that authenticated: `organizationId` null for an installation key. */
export type AuthenticatedApiKey = { id: string; name: string; prefix: string; organizationId: string | null };

/**
 * Keys that authenticated in the last second, by hash: a burst of requests costs one lookup per key and second
 * (0.5 ms of the app's thread each, measured). A revocation takes effect at once in this process and within
 * KEY_CACHE_MS in every other. On globalThis: Next bundles each route with its own copy of this module.
 */
export const KEY_CACHE_MS = 1000;
const KEY_CACHE_MAX = 1000;
const keyCacheStore = globalThis as unknown as {
  hooklineApiKeyCache?: Map<string, { key: AuthenticatedApiKey; until: number; usedAt: number }>;
};
const keyCache = () => (keyCacheStore.hooklineApiKeyCache ??= new Map());

/**
 * The active key matching a bearer token, or null. The lookup is by SHA-256 hash (an attacker learns nothing
 * from its timing), and the found hash is still compared in constant time.
 */
export async function authenticateApiKey(
  bearer: string | null | undefined,
  now = new Date(),
): Promise<AuthenticatedApiKey | null> {
  if (!bearer || bearer.length > MAX_KEY_LENGTH) return null;
  const hash = hashApiKey(bearer);
  const cached = keyCache().get(hash);
  // A hit also waits for the minute's lastUsedAt write, so the cache changes nothing the dashboard shows.
  if (cached && cached.until > now.getTime() && cached.usedAt > now.getTime() - LAST_USED_RESOLUTION_MS)
    return cached.key;
  const db = getDb();
  const row = await db.apiKey.findUnique({ where: { keyHash: hash } });
  if (!row || row.revokedAt) return null;
  if (!timingSafeEqual(Buffer.from(row.keyHash, "hex"), Buffer.from(hash, "hex"))) return null;
  // One conditional write: several instances serving the same key still update it at most once a minute.
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  let usedAt = row.lastUsedAt?.getTime() ?? now.getTime();
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    usedAt = now.getTime();
    await db.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  const key = { id: row.id, name: row.name, prefix: row.prefix, organizationId: row.organizationId };
  const cache = keyCache();
  if (cache.size >= KEY_CACHE_MAX) cache.clear();
  cache.set(hash, { key, until: now.getTime() + KEY_CACHE_MS, usedAt });
  return key;
}

/** "elsewhere": the key is already stored as another owner's key (it is left as it is; start-up says so). */
export type EnvApiKeyOutcome = "unset" | "created" | "exists" | "revoked" | "elsewhere";

/**
 * Adds HOOKLINE_API_KEY as a key of the Default organization (idempotent: the same key is added once, by whichever
 * instance is first). A key an operator revoked stays revoked ("revoked" is returned so start-up can say so).
 */
export function ensureEnvApiKey(key: string | null = config().api.envKey): Promise<EnvApiKeyOutcome> {
  return ensureKey(key, { organizationId: DEFAULT_ORGANIZATION_ID }, ENV_API_KEY_NAME);
}

/** Adds HOOKLINE_INSTALLATION_API_KEY as an installation key, as `ensureEnvApiKey` does for the Default one. */
export function ensureEnvInstallationApiKey(
  key: string | null = config().api.installationKey,
): Promise<EnvApiKeyOutcome> {
  return ensureKey(key, INSTALLATION, ENV_INSTALLATION_API_KEY_NAME);
}

async function ensureKey(key: string | null, owner: KeyOwner, name: string): Promise<EnvApiKeyOutcome> {
  if (!key) return "unset";
  const db = getDb();
  const keyHash = hashApiKey(key);
  const existing = await db.apiKey.findUnique({
    where: { keyHash },
    select: { revokedAt: true, organizationId: true },
  });
  if (existing && existing.organizationId !== owner.organizationId) return "elsewhere";
  if (existing) return existing.revokedAt ? "revoked" : "exists";
  try {
    await db.apiKey.create({ data: { ...keyScope(owner), name, prefix: prefixOf(key), keyHash } });
    return "created";
  } catch (error) {
    // Another instance added it first (unique hash).
    if (await db.apiKey.findUnique({ where: { keyHash }, select: { id: true } })) return "exists";
    throw error;
  }
}
