"use server";

import { getWebhookDetail } from "@/lib/webhooks/queries";
import { stopRetrying } from "@/lib/webhooks/retry";
import { webhookRefSchema } from "@/lib/webhooks/schemas";
import { operatorAction } from "./safe-action";

/** "Stop retrying": the event's schedule ends; it is failed with the operator's email as the reason. */
export const stopRetryingAction = operatorAction(webhookRefSchema, async ({ endpointId, webhookId }, { operator }) => {
  const current = await getWebhookDetail(endpointId, webhookId);
  await stopRetrying(current.id, operator.email);
  return getWebhookDetail(endpointId, current.id);
});
