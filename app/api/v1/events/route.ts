// POST /api/v1/events: emit an event to every matching endpoint of the caller's organization (API key; Idempotency-Key
// replays the first answer).
import { apiHandler, jsonResponse, parseRequest, readJsonBody, requireApiContext } from "@/lib/api/http";
import { emitInputFromRequest, eventRequestSchema } from "@/lib/api/lago";
import { emitEvent } from "@/lib/webhooks/emit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const EVENT_FIELD_NAMES = { webhookType: "webhook_type", objectType: "object_type", idempotencyKey: "idempotency_key" };

export const POST = apiHandler(
  async (request: Request) => {
    const context = await requireApiContext(request);
    const body = parseRequest(eventRequestSchema, await readJsonBody(request), "event");
    const result = await emitEvent(context, emitInputFromRequest(body, request.headers.get("idempotency-key") || null));
    return jsonResponse(result, 202);
  },
  { fieldNames: EVENT_FIELD_NAMES },
);
