// GET /api/v1/webhooks/json_public_key: the JWT signing key as `{ "webhook": { "public_key": <base64 PEM> } }` (API key).
import { apiHandler, jsonResponse, requireApiKey } from "@/lib/api/http";
import { publicKeyBase64 } from "@/lib/webhooks/keys";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiHandler(async (request: Request) => {
  await requireApiKey(request);
  return jsonResponse({ webhook: { public_key: await publicKeyBase64() } });
});
