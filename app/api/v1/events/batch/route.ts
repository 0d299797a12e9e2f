// POST /api/v1/events/batch: emit up to 1,000 events at once to the caller's organization (API key); all or nothing,
// one result per event in order.
import { apiHandler, jsonResponse, parseRequest, readJsonBody, requireApiContext } from "@/lib/api/http";
import { emitInputsFromBatch, eventBatchRequestSchema } from "@/lib/api/lago";
import { AppError, type FieldErrors } from "@/lib/errors";
import { emitEvents } from "@/lib/webhooks/emit-batch";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const FIELD_NAMES: Record<string, string> = {
  webhookType: "webhook_type",
  objectType: "object_type",
  idempotencyKey: "idempotency_key",
};

/** emitEvents names a problem `<index>.<field>`; the API's name is `events.<index>.<field_name>`. */
function apiFieldErrors(details: FieldErrors): FieldErrors {
  const renamed: FieldErrors = Object.create(null);
  for (const [path, messages] of Object.entries(details)) {
    const [index, field, ...rest] = path.split(".");
    const name = /^\d+$/.test(index)
      ? ["events", index, ...(field ? [FIELD_NAMES[field] ?? field] : []), ...rest].join(".")
      : path;
    (renamed[name] ??= []).push(...messages);
  }
  return renamed;
}

export const POST = apiHandler(async (request: Request) => {
  const context = await requireApiContext(request);
  const body = parseRequest(eventBatchRequestSchema, await readJsonBody(request));
  try {
    const results = await emitEvents(context, emitInputsFromBatch(body));
    return jsonResponse({ results }, 202);
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors)
      throw new AppError(error.code, error.message, { fieldErrors: apiFieldErrors(error.fieldErrors) });
    throw error;
  }
});
