import { getDb } from "@/lib/db/client";
import { orgScope, type OrgScope } from "@/lib/tenancy/context";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { rotationOverlapMs } from "./rotation-window";
import { idSchema } from "./schemas";
import { generateHmacSecret, generateStandardSecret } from "./signing";

export type RotatedSecret = {
  /** The new secret, shown to the operator who rotated it. */
  secret: string;
  /** Until when deliveries also carry a signature with the old secret (Standard Webhooks only); null: not at all. */
  previousSecretUntil: Date | null;
};

/**
 * Replaces an endpoint's signing secret. Standard Webhooks deliveries carry a signature per secret, so the old one
 * keeps verifying until now + the overlap. Lago's HMAC header holds one signature: the new secret signs from now on
 * and the old one is not kept. JWT endpoints are signed with the installation key (signing-key.ts `rotateSigningKey`).
 */
export async function rotateEndpointSecret(scope: OrgScope, id: string, now = new Date()): Promise<RotatedSecret> {
  const db = getDb();
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { ...orgScope(scope), id: parseInput(idSchema, id) },
    select: { id: true, signatureAlgo: true, secret: true },
  });
  if (!endpoint) throw new AppError(AppErrorCode.NotFound, "This webhook endpoint does not exist.");
  if (endpoint.signatureAlgo === "jwt") {
    throw new AppError(
      AppErrorCode.Conflict,
      "JWT endpoints are signed with the installation's RSA key: rotate it under Signing keys.",
    );
  }

  const overlapMs = rotationOverlapMs();
  const standard = endpoint.signatureAlgo === "standard";
  const secret = standard ? generateStandardSecret() : generateHmacSecret();
  const previousSecretUntil = standard && overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null;
  // Conditional on the secret we read: of two rotations at once, one wins and the other is told, none is lost.
  const { count } = await db.webhookEndpoint.updateMany({
    where: { ...orgScope(scope), id: endpoint.id, secret: endpoint.secret },
    data: {
      secret,
      previousSecret: previousSecretUntil ? endpoint.secret : null,
      previousSecretUntil,
    },
  });
  if (count === 0)
    throw new AppError(
      AppErrorCode.Conflict,
      "The secret was changed meanwhile (another rotation or an edit). Reload and try again.",
    );
  return { secret, previousSecretUntil };
}
