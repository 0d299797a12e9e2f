// GET /api/v1/webhooks/json_public_key: the JWT signing key as `{ "webhook": { "public_key": <base64 PEM> } }` (API key).
// During a key rotation's overlap, `previous_public_key` and `previous_expires_at` are added beside it.
import { requireApiKey } from "@/lib/api/auth";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import { publicKeys } from "@/lib/webhooks/signing-key";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiHandler(async (request: Request) => {
  await requireApiKey(request);
  const { current, previous } = await publicKeys();
  return jsonResponse({
    webhook: {
      public_key: current,
      ...(previous && {
        previous_public_key: previous.publicKey,
        previous_expires_at: previous.expiresAt.toISOString(),
      }),
    },
  });
});
