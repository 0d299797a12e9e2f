"use server";

import { AppError, AppErrorCode } from "@/lib/errors";
import { getWebhookDetail } from "@/lib/webhooks/queries";
import { webhookRefSchema } from "@/lib/webhooks/schemas";
import { deliverNow, retryWebhook } from "@/lib/webhooks/worker";
import { operatorAction } from "./safe-action";

/** "Retry" on a failed event: makes it due now, sends it at once under the same unique key, returns the new detail. */
export const retryWebhookAction = operatorAction(webhookRefSchema, async ({ endpointId, webhookId }) => {
  // Scoped to the endpoint: a webhook id from another endpoint's log is not found here.
  const current = await getWebhookDetail(endpointId, webhookId);
  if (current.status !== "failed") throw new AppError(AppErrorCode.Conflict, "Only failed events can be retried.");
  await retryWebhook(current.id);
  await deliverNow(current.id);
  return getWebhookDetail(endpointId, current.id);
});
