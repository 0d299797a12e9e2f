// GET /api/v1/webhooks/public_key: the JWT signing key as Lago serves it, base64 of the PEM in plain text (API key).
import { requireApiKey } from "@/lib/api/auth";
import { apiHandler } from "@/lib/api/http";
import { publicKeyBase64 } from "@/lib/webhooks/signing-key";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiHandler(async (request: Request) => {
  await requireApiKey(request);
  return new Response(await publicKeyBase64(), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
});
