import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { parseInput, UserError } from "@/lib/errors";
import { webhookTypeSchema } from "./event-types";
import { wakeWorker } from "./worker";

export const emitInputSchema = z
  .object({
    webhookType: webhookTypeSchema,
    objectType: z
      .string()
      .max(100, "An object type is at most 100 characters.")
      .regex(/^[a-z][a-z0-9_]*$/, 'An object type is lower case letters, digits and "_", e.g. "invoice".'),
    object: z.record(z.string(), z.unknown()),
    idempotencyKey: z.string().min(1).max(255, "An Idempotency-Key is at most 255 characters.").nullish(),
  })
  .strict();

export type EmitInput = z.input<typeof emitInputSchema>;

export type EmitResult = {
  event: { id: string; webhook_type: string; object_type: string; created_at: string };
  webhooks: { id: string; endpoint_id: string; status: string }[];
};

/** Whether an endpoint's event-type filter (null: every type) lets a type through. */
export function endpointWants(eventTypes: unknown, webhookType: string): boolean {
  return eventTypes == null || (Array.isArray(eventTypes) && eventTypes.includes(webhookType));
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function storedAnswer(db: Db, idempotencyKey: string): Promise<EmitResult | null> {
  const event = await db.event.findUnique({ where: { idempotencyKey }, select: { response: true } });
  return event?.response ? (JSON.parse(event.response) as EmitResult) : null;
}

/**
 * Emits an event: the event and one webhook per enabled endpoint that wants its type are written in one
 * transaction, then the worker is woken. A repeated idempotency key returns the first answer and writes nothing.
 * `onlyEndpointId` sends to that endpoint alone, whatever its filter ("Send test event").
 */
export async function emitEvent(
  input: EmitInput,
  opts: { onlyEndpointId?: string; db?: Db } = {},
): Promise<EmitResult> {
  const { webhookType, objectType, object, idempotencyKey } = parseInput(emitInputSchema, input);
  const db = opts.db ?? getDb();
  if (idempotencyKey) {
    const previous = await storedAnswer(db, idempotencyKey);
    if (previous) return previous;
  }

  // Serialised once: these exact bytes are signed and sent to every endpoint.
  const body = JSON.stringify({ webhook_type: webhookType, object_type: objectType, [objectType]: object });
  const rawId = object.lago_id ?? object.id;
  const objectId = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : null;
  const now = new Date();

  let result: EmitResult;
  try {
    result = await db.$transaction(async (tx) => {
      let endpoints: { id: string }[];
      if (opts.onlyEndpointId) {
        const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: opts.onlyEndpointId }, select: { id: true, enabled: true } });
        if (!endpoint) throw new UserError("Webhook endpoint not found.", "not_found");
        if (!endpoint.enabled) throw new UserError("This endpoint is disabled; enable it to send it a test event.", "conflict");
        endpoints = [endpoint];
      } else {
        const enabled = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, eventTypes: true } });
        endpoints = enabled.filter((endpoint) => endpointWants(endpoint.eventTypes, webhookType));
      }
      const event = await tx.event.create({
        data: { webhookType, objectType, objectId, body, idempotencyKey: idempotencyKey ?? null, createdAt: now },
        select: { id: true, createdAt: true },
      });
      const webhooks = endpoints.length
        ? await tx.webhook.createManyAndReturn({
            data: endpoints.map((endpoint) => ({
              eventId: event.id,
              endpointId: endpoint.id,
              webhookType,
              objectType,
              objectId,
              status: "pending",
              nextAttemptAt: now,
              createdAt: now,
            })),
            select: { id: true, endpointId: true, status: true },
          })
        : [];
      const answer: EmitResult = {
        event: { id: event.id, webhook_type: webhookType, object_type: objectType, created_at: event.createdAt.toISOString() },
        webhooks: webhooks.map((w) => ({ id: w.id, endpoint_id: w.endpointId, status: w.status })),
      };
      if (idempotencyKey) await tx.event.update({ where: { id: event.id }, data: { response: JSON.stringify(answer) } });
      return answer;
    });
  } catch (error) {
    // Two requests with one key raced: the loser answers with the winner's stored answer.
    if (idempotencyKey && isUniqueViolation(error)) {
      const previous = await storedAnswer(db, idempotencyKey);
      if (previous) return previous;
    }
    throw error;
  }
  if (result.webhooks.length) wakeWorker();
  return result;
}
