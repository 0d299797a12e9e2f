"use server";

import { getWebhookDetail } from "@/lib/webhooks/detail";
import { stopRetrying } from "@/lib/webhooks/retry";
import { webhookRefSchema } from "@/lib/webhooks/schemas";
import { operatorAction } from "./safe-action";

/** "Stop retrying": the event's schedule ends; it is failed with the operator's email as the reason. */
export const stopRetryingAction = operatorAction(
  webhookRefSchema,
  async ({ endpointId, webhookId }, context) => {
    const current = await getWebhookDetail(context, endpointId, webhookId);
    await stopRetrying(context, current.id, context.operator.email);
    return getWebhookDetail(context, endpointId, current.id);
  },
  { portal: true },
);
