import { config } from "@/lib/config";
import { getDb, dbProvider } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
// Both generated clients share one runtime, so this JSON-null marker works on either provider.
import { DbNull } from "@/lib/db/models";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import {
  endpointInputSchema,
  endpointUpdateSchema,
  isId,
  MAX_DISABLED_REASON_LENGTH,
  type EndpointInput,
  type EndpointUpdate,
} from "./schemas";
import { generateHmacSecret, generateStandardSecret, type SignatureAlgo } from "./signing";
import { assertPublicUrl } from "./ssrf";

/** The guide's limit of 5 endpoints, configurable (WEBHOOK_ENDPOINT_LIMIT). */
export function endpointLimit(): number {
  return config().api.endpointLimit;
}

/** What the dashboard and the API may see of an endpoint: everything but the secrets. */
export const endpointPublicSelect = {
  id: true,
  url: true,
  name: true,
  signatureAlgo: true,
  eventTypes: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  previousSecretUntil: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type EndpointSummary = {
  id: string;
  url: string;
  name: string | null;
  signatureAlgo: SignatureAlgo;
  eventTypes: string[] | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  previousSecretUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

type EndpointRow = Omit<EndpointSummary, "signatureAlgo" | "eventTypes"> & {
  signatureAlgo: string;
  eventTypes: unknown;
};

function toSummary(row: EndpointRow): EndpointSummary {
  return {
    ...row,
    signatureAlgo: row.signatureAlgo as SignatureAlgo,
    eventTypes: Array.isArray(row.eventTypes) ? (row.eventTypes as string[]) : null,
  };
}

export function secretFor(algo: SignatureAlgo): string {
  if (algo === "standard") return generateStandardSecret();
  // JWT endpoints are signed with the installation key; they still get a secret so a switch to HMAC needs no step.
  return generateHmacSecret();
}

const DUPLICATE_URL = "This webhook URL is already registered.";
const NOT_FOUND = "This webhook endpoint does not exist.";

/** An id that cannot be one of ours (NUL, too long, odd characters) names no endpoint: not found, and no query. */
function endpointId(id: string): string {
  if (!isId(id)) throw new AppError(AppErrorCode.NotFound, NOT_FOUND);
  return id;
}

/** The SSRF check at create and update, reported on the URL field (delivery checks again, after DNS). */
async function assertPublicEndpointUrl(url: string): Promise<void> {
  try {
    await assertPublicUrl(url);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(AppErrorCode.InvalidInput, error.message, { fieldErrors: { url: [error.message] } });
    throw error;
  }
}

/** An organization's endpoints, oldest first (at most the endpoint limit). */
export async function listEndpoints(scope: OrgScope): Promise<EndpointSummary[]> {
  const rows = await getDb().webhookEndpoint.findMany({
    where: orgScope(scope),
    select: endpointPublicSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toSummary);
}

/** One endpoint of the organization; another organization's is not found, exactly like a missing one. */
export async function getEndpoint(scope: OrgScope, id: string): Promise<EndpointSummary> {
  const row = await getDb().webhookEndpoint.findFirst({
    where: { ...orgScope(scope), id: endpointId(id) },
    select: endpointPublicSelect,
  });
  if (!row) throw new AppError(AppErrorCode.NotFound, NOT_FOUND);
  return toSummary(row);
}

// The advisory lock's first key: the endpoint limit; the second is the organization's (hashtext of its id).
const ENDPOINT_LIMIT_LOCK = 72707370;

/** Validates, checks the organization's limit and uniqueness, and creates the endpoint with a fresh secret. */
export async function createEndpoint(scope: OrgScope, input: EndpointInput | unknown): Promise<EndpointSummary> {
  const { organizationId } = orgScope(scope);
  const data = parseInput(endpointInputSchema, input);
  await assertPublicEndpointUrl(data.url);
  const limit = endpointLimit();
  try {
    const row = await getDb().$transaction(async (tx) => {
      // Two instances adding an organization's fifth and sixth endpoint at once must not both pass the count;
      // other organizations do not wait for it.
      if (dbProvider() === "postgresql")
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ENDPOINT_LIMIT_LOCK}::int, hashtext(${organizationId}))`;
      if (
        await tx.webhookEndpoint.findUnique({
          where: { organizationId_url: { organizationId, url: data.url } },
          select: { id: true },
        })
      ) {
        throw new AppError(AppErrorCode.Conflict, DUPLICATE_URL, { fieldErrors: { url: [DUPLICATE_URL] } });
      }
      if ((await tx.webhookEndpoint.count({ where: { organizationId } })) >= limit) {
        throw new AppError(
          AppErrorCode.LimitReached,
          `You can add up to ${limit} webhook endpoints. Delete one to add another.`,
        );
      }
      return tx.webhookEndpoint.create({
        data: {
          ...data,
          organizationId,
          eventTypes: data.eventTypes ?? undefined,
          secret: secretFor(data.signatureAlgo),
        },
        select: endpointPublicSelect,
      });
    });
    return toSummary(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(AppErrorCode.Conflict, DUPLICATE_URL, { fieldErrors: { url: [DUPLICATE_URL] } });
    throw error;
  }
}

/** Changes URL, name, signature or event types; a new signature kind gets a secret of its kind. */
export async function updateEndpoint(
  scope: OrgScope,
  id: string,
  input: EndpointUpdate | unknown,
): Promise<EndpointSummary> {
  const data = parseInput(endpointUpdateSchema, input);
  const db = getDb();
  const current = await db.webhookEndpoint.findFirst({ where: { ...orgScope(scope), id: endpointId(id) } });
  if (!current) throw new AppError(AppErrorCode.NotFound, NOT_FOUND);
  // A stored URL was checked when it was stored; a new one is checked now.
  if (data.url !== undefined && data.url !== current.url) await assertPublicEndpointUrl(data.url);
  const algoChanged = data.signatureAlgo && data.signatureAlgo !== current.signatureAlgo;
  const needsStandardSecret = data.signatureAlgo === "standard" && !current.secret.startsWith("whsec_");
  const leavesStandard = algoChanged && current.signatureAlgo === "standard";
  try {
    const row = await db.webhookEndpoint.update({
      where: { ...orgScope(scope), id: current.id },
      data: {
        url: data.url,
        name: data.name === undefined ? undefined : data.name,
        signatureAlgo: data.signatureAlgo,
        eventTypes: data.eventTypes === undefined ? undefined : (data.eventTypes ?? DbNull),
        ...(needsStandardSecret || leavesStandard
          ? { secret: secretFor(data.signatureAlgo as SignatureAlgo), previousSecret: null, previousSecretUntil: null }
          : {}),
      },
      select: endpointPublicSelect,
    });
    return toSummary(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(AppErrorCode.Conflict, DUPLICATE_URL, { fieldErrors: { url: [DUPLICATE_URL] } });
    throw error;
  }
}

/** Deletes the endpoint and, with it, its log (webhooks and attempts cascade). */
export async function deleteEndpoint(scope: OrgScope, id: string): Promise<EndpointSummary> {
  const endpoint = await getEndpoint(scope, id);
  await getDb().webhookEndpoint.delete({ where: { ...orgScope(scope), id: endpoint.id } });
  return endpoint;
}

/**
 * Disables an endpoint (with the reason shown on it and in the list) or enables it again. While disabled, new
 * events create no webhook for it and queued ones are marked failed with the reason (delivery/deliver.ts), so they
 * can be replayed. Enabling clears the reason and the run of failures, so auto-disable starts counting afresh.
 */
export async function setEndpointEnabled(
  scope: OrgScope,
  id: string,
  enabled: boolean,
  reason?: string | null,
): Promise<EndpointSummary> {
  const endpoint = await getEndpoint(scope, id);
  const now = new Date();
  const data = enabled
    ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, consecutiveFailures: 0 }
    : {
        enabled: false,
        disabledReason: reason?.trim().slice(0, MAX_DISABLED_REASON_LENGTH) || "Disabled by an operator",
        // Disabling a disabled endpoint keeps the time it first stopped.
        disabledAt: endpoint.enabled ? now : (endpoint.disabledAt ?? now),
      };
  const row = await getDb().webhookEndpoint.update({
    where: { ...orgScope(scope), id: endpoint.id },
    data,
    select: endpointPublicSelect,
  });
  return toSummary(row);
}

/** The signing secret, for an operator who asked to reveal it; the previous one only while it still signs. */
export async function revealSecret(
  scope: OrgScope,
  id: string,
  now = new Date(),
): Promise<{ secret: string; previousSecret: string | null; previousSecretUntil: Date | null }> {
  const row = await getDb().webhookEndpoint.findFirst({
    where: { ...orgScope(scope), id: endpointId(id) },
    select: { secret: true, previousSecret: true, previousSecretUntil: true },
  });
  if (!row) throw new AppError(AppErrorCode.NotFound, NOT_FOUND);
  const overlapping = row.previousSecret !== null && row.previousSecretUntil !== null && row.previousSecretUntil > now;
  return overlapping ? row : { secret: row.secret, previousSecret: null, previousSecretUntil: null };
}
