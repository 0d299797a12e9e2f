import { createHmac, createPrivateKey, randomBytes, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { config } from "@/lib/config";
import { getSigningKey } from "./signing-key";

export const SIGNATURE_ALGOS = ["jwt", "hmac", "standard"] as const;
export type SignatureAlgo = (typeof SIGNATURE_ALGOS)[number];

export const USER_AGENT = "Hookline-Webhooks/1.0";
const STANDARD_PREFIX = "whsec_";

/** Lago's HMAC signature: base64 of HMAC-SHA256(secret, exact body). */
export function hmacSignature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

const privateKeys = new Map<string, KeyObject>();
function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (!key) privateKeys.set(pem, (key = createPrivateKey(pem)));
  return key;
}

/**
 * Lago's JWT signature: RS256 over exactly `{ data: body, iss: issuer }` (no iat, no exp), as lago-api's
 * `JWT.encode({ data: payload.to_json, iss: issuer }, private_key, 'RS256')`.
 */
export function jwtSignature(body: string, issuer: string, privateKeyPem: string): Promise<string> {
  return new SignJWT({ data: body })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(issuer)
    .sign(privateKeyOf(privateKeyPem));
}

/** Standard Webhooks: `v1,<base64 HMAC-SHA256(base64-decoded secret, "id.timestamp.body")>`. */
export function standardSignature(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(STANDARD_PREFIX) ? secret.slice(STANDARD_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${msgId}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** A per-endpoint HMAC secret: 32 random bytes, base64url. */
export function generateHmacSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateStandardSecret(): string {
  return STANDARD_PREFIX + randomBytes(32).toString("base64");
}

/** The JWT issuer: HOOKLINE_PUBLIC_URL, else http://localhost:<PORT>. */
export function jwtIssuer(): string {
  return config().jwtIssuer.value;
}

/** Every header of one delivery: content type, user agent, unique key and the signature of the endpoint's algorithm. */
export async function signatureHeaders(args: {
  algo: SignatureAlgo | string;
  body: string;
  webhookId: string;
  secret: string;
  previousSecret?: string | null;
  now?: Date;
}): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
    "X-Lago-Unique-Key": args.webhookId,
  };
  switch (args.algo) {
    case "jwt": {
      const { privateKeyPem } = await getSigningKey();
      headers["X-Lago-Signature"] = await jwtSignature(args.body, jwtIssuer(), privateKeyPem);
      headers["X-Lago-Signature-Algorithm"] = "jwt";
      return headers;
    }
    case "hmac":
      headers["X-Lago-Signature"] = hmacSignature(args.secret, args.body);
      headers["X-Lago-Signature-Algorithm"] = "hmac";
      return headers;
    case "standard": {
      const timestamp = Math.floor((args.now ?? new Date()).getTime() / 1000);
      // During a rotation both signatures go out, so receivers holding either secret accept the delivery.
      const secrets = args.previousSecret ? [args.secret, args.previousSecret] : [args.secret];
      headers["webhook-id"] = args.webhookId;
      headers["webhook-timestamp"] = String(timestamp);
      headers["webhook-signature"] = secrets
        .map((s) => standardSignature(s, args.webhookId, timestamp, args.body))
        .join(" ");
      return headers;
    }
    default:
      throw new Error(`Unknown signature algorithm "${args.algo}"`);
  }
}
