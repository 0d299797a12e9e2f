"use server";

import { z } from "zod";
import { requireOperatorForAction } from "@/lib/auth/session";
import { parseInput, toActionResult, UserError, type ActionResult } from "@/lib/errors";
import { getWebhookDetail, type WebhookDetail } from "@/lib/webhooks/queries";
import { resendWebhook, retryNow, stopRetrying } from "@/lib/webhooks/retry";
import { idSchema } from "@/lib/webhooks/schemas";

// Each takes one event of one endpoint (scoped: a webhook id from another endpoint's log is not found here) and
// returns its new detail, so the drawer shows the result at once.

const webhookInput = z.object({ endpointId: idSchema, webhookId: idSchema });

/** "Retry now" on an event whose last attempt failed: sends it at once under the same unique key. */
export async function retryWebhookAction(endpointId: string, webhookId: string): Promise<ActionResult<WebhookDetail>> {
  return toActionResult(async () => {
    const input = parseInput(webhookInput, { endpointId, webhookId });
    await requireOperatorForAction();
    const current = await getWebhookDetail(input.endpointId, input.webhookId);
    if (!current.endpointEnabled) throw new UserError("This endpoint is disabled; enable it to retry its events.", "conflict");
    await retryNow(current.id);
    return getWebhookDetail(input.endpointId, current.id);
  });
}

/** "Resend" on a delivered event: one more attempt under the same unique key, after the operator confirmed. */
export async function resendWebhookAction(endpointId: string, webhookId: string): Promise<ActionResult<WebhookDetail>> {
  return toActionResult(async () => {
    const input = parseInput(webhookInput, { endpointId, webhookId });
    await requireOperatorForAction();
    const current = await getWebhookDetail(input.endpointId, input.webhookId);
    if (!current.endpointEnabled) throw new UserError("This endpoint is disabled; enable it to resend its events.", "conflict");
    await resendWebhook(current.id);
    return getWebhookDetail(input.endpointId, current.id);
  });
}

/** "Stop retrying": the event's schedule ends; it is failed with the operator's name as the reason. */
export async function stopRetryingAction(endpointId: string, webhookId: string): Promise<ActionResult<WebhookDetail>> {
  return toActionResult(async () => {
    const input = parseInput(webhookInput, { endpointId, webhookId });
    const operator = await requireOperatorForAction();
    const current = await getWebhookDetail(input.endpointId, input.webhookId);
    await stopRetrying(current.id, operator.email);
    return getWebhookDetail(input.endpointId, current.id);
  });
}
