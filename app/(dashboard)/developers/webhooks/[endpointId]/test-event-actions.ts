"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireOperatorForAction } from "@/lib/auth/session";
import { parseInput, toActionResult, type ActionResult } from "@/lib/errors";
import { emitEvent } from "@/lib/webhooks/emit";
import { sampleEvent } from "@/lib/webhooks/event-samples";
import { LAGO_WEBHOOK_TYPES } from "@/lib/webhooks/event-types";
import { idSchema } from "@/lib/webhooks/schemas";

const sendTestEventSchema = z.strictObject({
  endpointId: idSchema,
  webhookType: z.enum(LAGO_WEBHOOK_TYPES, { message: "Choose an event type from the list." }),
});

/** "Send test event": a realistic sample of the chosen type, to this endpoint only (whatever its filter). */
export async function sendTestEventAction(
  endpointId: string,
  webhookType: string,
): Promise<ActionResult<{ eventId: string; webhookId: string | null }>> {
  return toActionResult(async () => {
    const input = parseInput(sendTestEventSchema, { endpointId, webhookType });
    await requireOperatorForAction();
    const sample = sampleEvent(input.webhookType);
    const result = await emitEvent(
      { webhookType: sample.webhook_type, objectType: sample.object_type, object: sample.object },
      { onlyEndpointId: input.endpointId },
    );
    revalidatePath(`/developers/webhooks/${input.endpointId}`);
    return { eventId: result.event.id, webhookId: result.webhooks[0]?.id ?? null };
  });
}
