import { z } from "zod";
import { emitInputSchema } from "@/lib/webhooks/emit";
import { webhookTypeSchema } from "@/lib/webhooks/event-types";
import { hmacSignature, standardSignature, USER_AGENT, type SignatureAlgo } from "@/lib/webhooks/signing";
import { EXAMPLE_ORGANIZATION_ID, EXAMPLE_WEBHOOK_ID, exampleObject } from "./openapi-examples";

/**
 * What an endpoint receives, per signature scheme: the body, the headers (lib/webhooks/signing.ts makes them) and how
 * to verify them in four languages. The OpenAPI document's `webhooks` carry all of it; the dashboard shows it from there.
 */

export const RECEIVER_LANGUAGES = [
  { id: "node", label: "Node.js", lang: "javascript" },
  { id: "python", label: "Python", lang: "python" },
  { id: "go", label: "Go", lang: "go" },
  { id: "ruby", label: "Ruby", lang: "ruby" },
] as const;

export type ReceiverLanguage = (typeof RECEIVER_LANGUAGES)[number]["id"];

// Example secrets (never used by an installation) and time, so the examples' signatures are real and checkable.
export const EXAMPLE_HMAC_SECRET = "5qv0bWm6rjL7kTz3Yc1pXn8sHd2GfA4eRu9oIw_Vt-E";
export const EXAMPLE_STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
export const EXAMPLE_TIMESTAMP = 1_795_683_600; // 2026-11-26T09:00:00Z

/** The body every scheme delivers, serialised as emitEvent serialises it: the organization, the object under its type's name. */
export const EXAMPLE_DELIVERY_BODY = JSON.stringify({
  webhook_type: "invoice.created",
  object_type: "invoice",
  organization_id: EXAMPLE_ORGANIZATION_ID,
  invoice: exampleObject,
});

export const deliveredPayloadSchema = z
  .object({
    webhook_type: webhookTypeSchema.meta({ description: "The event's type.", example: "invoice.created" }),
    object_type: emitInputSchema.shape.objectType.meta({
      description: "The name of the key that holds the object.",
      example: "invoice",
    }),
    organization_id: z.string().meta({
      description: "The id of the organization the event was sent in (Lago's).",
      example: EXAMPLE_ORGANIZATION_ID,
    }),
  })
  .catchall(
    z.record(z.string(), z.unknown()).meta({ description: "The object, under the key named by `object_type`." }),
  )
  .meta({
    id: "DeliveredPayload",
    description:
      '`{"webhook_type", "object_type", "organization_id", "<object_type>": object}`, the same bytes on every attempt. Verify the signature over these raw bytes before parsing them.',
    example: JSON.parse(EXAMPLE_DELIVERY_BODY),
  });

const commonHeaders = {
  "User-Agent": z.literal(USER_AGENT).meta({ description: "Hookline's user agent.", example: USER_AGENT }),
  "X-Lago-Unique-Key": z.string().meta({
    description: "The webhook's id, the same on every attempt: deduplicate on it (delivery is at least once).",
    example: EXAMPLE_WEBHOOK_ID,
  }),
};

type Snippet = { install?: string; code: string };

export type ReceiverScheme = {
  algo: SignatureAlgo;
  title: string;
  description: string;
  headers: z.ZodObject;
  snippets: Record<ReceiverLanguage, Snippet>;
};

const base64url = (text: string) => Buffer.from(text).toString("base64url");

/** The three schemes, with examples for the given JWT issuer (this installation's public URL). */
export function receiverSchemes(issuer: string): ReceiverScheme[] {
  const jwtExample = `${base64url(JSON.stringify({ alg: "RS256" }))}.${base64url(JSON.stringify({ data: EXAMPLE_DELIVERY_BODY, iss: issuer }))}.<RS256 signature>`;
  return [
    {
      algo: "jwt",
      title: "JWT (RS256), Lago's default",
      description:
        `\`X-Lago-Signature\` is an RS256 JWT whose claims are exactly \`{"data": "<the raw body>", "iss": "${issuer}"}\`. ` +
        "Verify it with this installation's public key (`GET /api/v1/webhooks/public_key`, base64 of a PEM; fetch it once and keep it, " +
        "and fetch it again if a signature fails after a key rotation), check the issuer, and check that `data` equals the raw body.",
      headers: z.object({
        ...commonHeaders,
        "X-Lago-Signature": z
          .string()
          .meta({ description: "An RS256 JWT: `{ data: <raw body>, iss: <issuer> }`.", example: jwtExample }),
        "X-Lago-Signature-Algorithm": z.literal("jwt").meta({ description: "The scheme.", example: "jwt" }),
      }),
      snippets: {
        node: {
          install: "npm install jose",
          code: `import { createPublicKey } from "node:crypto";
import { jwtVerify } from "jose";

// publicKey: GET /api/v1/webhooks/public_key (base64 of a PEM). issuer: ${issuer}
// rawBody: the body as received (a string), before any JSON parsing; headers: req.headers.
export async function verifyJwt(rawBody, headers, publicKey, issuer) {
  const key = createPublicKey(Buffer.from(publicKey, "base64").toString("utf8"));
  try {
    const { payload } = await jwtVerify(String(headers["x-lago-signature"]), key, { algorithms: ["RS256"], issuer });
    return payload.data === rawBody;
  } catch {
    return false;
  }
}
`,
        },
        python: {
          install: 'pip install "pyjwt[crypto]"',
          code: `import base64

import jwt


# public_key: GET /api/v1/webhooks/public_key (base64 of a PEM). issuer: ${issuer}
# raw_body: the request's bytes; headers: Flask's or Django's request.headers.
def verify_jwt(raw_body: bytes, headers, public_key: str, issuer: str) -> bool:
    try:
        claims = jwt.decode(
            headers.get("X-Lago-Signature", ""),
            base64.b64decode(public_key),
            algorithms=["RS256"],
            issuer=issuer,
        )
    except jwt.InvalidTokenError:
        return False
    return claims.get("data") == raw_body.decode("utf-8")
`,
        },
        go: {
          install: "go get github.com/golang-jwt/jwt/v5",
          code: `import (
	"encoding/base64"
	"net/http"

	"github.com/golang-jwt/jwt/v5"
)

// publicKey: GET /api/v1/webhooks/public_key (base64 of a PEM). issuer: ${issuer}
func VerifyJWT(rawBody []byte, header http.Header, publicKey, issuer string) bool {
	pem, err := base64.StdEncoding.DecodeString(publicKey)
	if err != nil {
		return false
	}
	key, err := jwt.ParseRSAPublicKeyFromPEM(pem)
	if err != nil {
		return false
	}
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(header.Get("X-Lago-Signature"), claims,
		func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(issuer))
	data, ok := claims["data"].(string)
	return err == nil && ok && data == string(rawBody)
}
`,
        },
        ruby: {
          install: "gem install jwt",
          code: `require "base64"
require "jwt"
require "openssl"

# public_key: GET /api/v1/webhooks/public_key (base64 of a PEM). issuer: ${issuer}
# In Rack: verify_jwt(request.body.read, request.get_header("HTTP_X_LAGO_SIGNATURE"), public_key, issuer)
def verify_jwt(raw_body, signature, public_key, issuer)
  key = OpenSSL::PKey::RSA.new(Base64.decode64(public_key))
  claims, = JWT.decode(signature.to_s, key, true, algorithm: "RS256", iss: issuer, verify_iss: true)
  claims["data"] == raw_body
rescue JWT::DecodeError
  false
end
`,
        },
      },
    },
    {
      algo: "hmac",
      title: "HMAC (SHA-256), Lago's",
      description:
        "`X-Lago-Signature` is the base64 of HMAC-SHA256 of the raw body, keyed with the endpoint's secret (reveal it on the endpoint's page). " +
        "Compute the same and compare in constant time. A rotated secret takes effect at once.",
      headers: z.object({
        ...commonHeaders,
        "X-Lago-Signature": z.string().meta({
          description: "base64(HMAC-SHA256(secret, raw body)).",
          example: hmacSignature(EXAMPLE_HMAC_SECRET, EXAMPLE_DELIVERY_BODY),
        }),
        "X-Lago-Signature-Algorithm": z.literal("hmac").meta({ description: "The scheme.", example: "hmac" }),
      }),
      snippets: {
        node: {
          code: `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the body as received (a string), before any JSON parsing; headers: req.headers.
export function verifyHmac(rawBody, headers, secret) {
  const expected = Buffer.from(createHmac("sha256", secret).update(rawBody).digest("base64"));
  const received = Buffer.from(String(headers["x-lago-signature"] ?? ""));
  return received.length === expected.length && timingSafeEqual(received, expected);
}
`,
        },
        python: {
          code: `import base64
import hashlib
import hmac


# raw_body: the request's bytes; headers: Flask's or Django's request.headers.
def verify_hmac(raw_body: bytes, headers, secret: str) -> bool:
    digest = hmac.new(secret.encode("utf-8"), raw_body, hashlib.sha256).digest()
    expected = base64.b64encode(digest).decode("ascii")
    return hmac.compare_digest(expected, headers.get("X-Lago-Signature", ""))
`,
        },
        go: {
          code: `import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

func VerifyHMAC(rawBody []byte, header http.Header, secret string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(rawBody)
	expected := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(header.Get("X-Lago-Signature")))
}
`,
        },
        ruby: {
          code: `require "base64"
require "openssl"

# In Rack: verify_hmac(request.body.read, request.get_header("HTTP_X_LAGO_SIGNATURE"), secret)
def verify_hmac(raw_body, signature, secret)
  expected = Base64.strict_encode64(OpenSSL::HMAC.digest("SHA256", secret, raw_body))
  OpenSSL.secure_compare(expected, signature.to_s)
end
`,
        },
      },
    },
    {
      algo: "standard",
      title: "Standard Webhooks",
      description:
        "The [Standard Webhooks](https://www.standardwebhooks.com) headers: `webhook-signature` is `v1,` + base64 of HMAC-SHA256 of " +
        '`"<webhook-id>.<webhook-timestamp>.<raw body>"`, keyed with the base64-decoded part of the endpoint\'s `whsec_` secret. ' +
        "Refuse a timestamp more than 5 minutes away (a replay). After a secret rotation the header carries two signatures, " +
        "separated by a space, until the overlap ends: either secret verifies. The `standardwebhooks` libraries do all of this.",
      headers: z.object({
        ...commonHeaders,
        "webhook-id": z
          .string()
          .meta({ description: "The webhook's id (equal to `X-Lago-Unique-Key`).", example: EXAMPLE_WEBHOOK_ID }),
        "webhook-timestamp": z
          .string()
          .meta({ description: "When this attempt was signed, in Unix seconds.", example: String(EXAMPLE_TIMESTAMP) }),
        "webhook-signature": z.string().meta({
          description: "`v1,<base64>`, or two of them separated by a space during a rotation.",
          example: standardSignature(
            EXAMPLE_STANDARD_SECRET,
            EXAMPLE_WEBHOOK_ID,
            EXAMPLE_TIMESTAMP,
            EXAMPLE_DELIVERY_BODY,
          ),
        }),
      }),
      snippets: {
        node: {
          install: "npm install standardwebhooks",
          code: `import { Webhook } from "standardwebhooks";

// rawBody: the body as received (a string), before any JSON parsing; headers: req.headers.
export function verifyStandard(rawBody, headers, secret) {
  try {
    new Webhook(secret).verify(rawBody, headers);
    return true;
  } catch {
    return false;
  }
}
`,
        },
        python: {
          install: "pip install standardwebhooks",
          code: `from standardwebhooks.webhooks import Webhook, WebhookVerificationError


# raw_body: the request's bytes; headers: Flask's or Django's request.headers.
def verify_standard(raw_body: bytes, headers, secret: str) -> bool:
    try:
        Webhook(secret).verify(raw_body, dict(headers))
    except WebhookVerificationError:
        return False
    return True
`,
        },
        go: {
          code: `import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func VerifyStandard(rawBody []byte, header http.Header, secret string) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	id, timestamp := header.Get("webhook-id"), header.Get("webhook-timestamp")
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || id == "" || time.Since(time.Unix(seconds, 0)).Abs() > 5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%s.%s", id, timestamp, rawBody)
	expected := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, signature := range strings.Split(header.Get("webhook-signature"), " ") {
		if hmac.Equal([]byte(signature), []byte(expected)) {
			return true
		}
	}
	return false
}
`,
        },
        ruby: {
          install: "gem install standardwebhooks",
          code: `require "standardwebhooks"

# headers: { "webhook-id" => request.get_header("HTTP_WEBHOOK_ID"), "webhook-timestamp" => ..., "webhook-signature" => ... }
def verify_standard(raw_body, headers, secret)
  StandardWebhooks::Webhook.new(secret).verify(raw_body, headers)
  true
rescue StandardWebhooks::WebhookVerificationError
  false
end
`,
        },
      },
    },
  ];
}
