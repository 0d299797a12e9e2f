import type { SignatureAlgo } from "@/lib/webhooks/signing";

export const SIGNATURE_LABELS: Record<SignatureAlgo, string> = {
  jwt: "JWT",
  hmac: "HMAC",
  standard: "Standard Webhooks",
};

/** The guide's one-line explanation of each choice. */
export const SIGNATURE_HINTS: Record<SignatureAlgo, string> = {
  jwt: "A possibly lengthy payload header, with potential size limits.",
  hmac: "A shorter payload header, with no size restrictions.",
  standard: "The open standard (webhook-id, webhook-timestamp, webhook-signature), verified by official libraries.",
};
