// POST /api/v1/events and /api/v1/events/batch, whatever carries the request: Next's route files
// (app/api/v1/events/**/route.ts) and the web process's lean path (lean-events.ts) both call these, so both answer
// alike by construction.
import { AppError, type FieldErrors } from "@/lib/errors";
import { emitEvent } from "@/lib/webhooks/emit";
import { emitEvents } from "@/lib/webhooks/emit-batch";
import { requireApiContext } from "./auth";
import { parseRequest, readJsonBody } from "./body";
import { errorAnswer, type ApiAnswer, type ApiRequest } from "./http";
import { emitInputFromRequest, emitInputsFromBatch, eventBatchRequestSchema, eventRequestSchema } from "./lago";

const FIELD_NAMES: Record<string, string> = {
  webhookType: "webhook_type",
  objectType: "object_type",
  idempotencyKey: "idempotency_key",
};

/** Emits one event to every matching endpoint of the caller's organization (Idempotency-Key replays the first answer). */
export async function acceptEvent(request: ApiRequest): Promise<ApiAnswer> {
  try {
    const context = await requireApiContext(request);
    const body = parseRequest(eventRequestSchema, await readJsonBody(request), "event");
    const result = await emitEvent(context, emitInputFromRequest(body, request.headers.get("idempotency-key") || null));
    return { status: 202, body: result };
  } catch (error) {
    return errorAnswer(error, { fieldNames: FIELD_NAMES });
  }
}

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

/** Emits up to 1,000 events at once, all or nothing, one result per event in order. */
export async function acceptEventBatch(request: ApiRequest): Promise<ApiAnswer> {
  try {
    const context = await requireApiContext(request);
    const body = parseRequest(eventBatchRequestSchema, await readJsonBody(request));
    try {
      const results = await emitEvents(context, emitInputsFromBatch(body));
      return { status: 202, body: { results } };
    } catch (error) {
      if (error instanceof AppError && error.fieldErrors)
        throw new AppError(error.code, error.message, { fieldErrors: apiFieldErrors(error.fieldErrors) });
      throw error;
    }
  } catch (error) {
    return errorAnswer(error);
  }
}
