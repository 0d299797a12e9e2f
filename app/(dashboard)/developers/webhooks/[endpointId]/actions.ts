"use server";

import { z } from "zod";
import { requireOperatorForAction } from "@/lib/auth/session";
import { type ActionResult, AppError, AppErrorCode, parseInput, toActionResult } from "@/lib/errors";
import { getWebhookDetail, type WebhookDetail } from "@/lib/webhooks/queries";
import { idSchema } from "@/lib/webhooks/schemas";
import { deliverNow, retryWebhook } from "@/lib/webhooks/worker";

const retryInput = z.object({ endpointId: idSchema, webhookId: idSchema });

/** "Retry" on a failed event: makes it due now, sends it at once under the same unique key, returns the new detail. */
export async function retryWebhookAction(endpointId: string, webhookId: string): Promise<ActionResult<WebhookDetail>> {
  return toActionResult(async () => {
    const input = parseInput(retryInput, { endpointId, webhookId });
    await requireOperatorForAction();
    // Scoped to the endpoint: a webhook id from another endpoint's log is not found here.
    const current = await getWebhookDetail(input.endpointId, input.webhookId);
    if (current.status !== "failed") throw new AppError(AppErrorCode.Conflict, "Only failed events can be retried.");
    await retryWebhook(current.id);
    await deliverNow(current.id);
    return getWebhookDetail(input.endpointId, current.id);
  });
}
