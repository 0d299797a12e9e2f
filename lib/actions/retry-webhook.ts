"use server";

import { AppError, AppErrorCode } from "@/lib/errors";
import { getWebhookDetail } from "@/lib/webhooks/detail";
import { retryNow } from "@/lib/webhooks/retry";
import { webhookRefSchema } from "@/lib/webhooks/schemas";
import { operatorAction } from "./safe-action";

/**
 * "Retry now" on an event whose last attempt failed (failed or retrying): sends it at once under the same unique key
 * and returns its new detail, so the drawer shows the result. A retrying event keeps its schedule if this fails.
 */
export const retryWebhookAction = operatorAction(
  webhookRefSchema,
  async ({ endpointId, webhookId }, context) => {
    // Scoped to the organization and the endpoint: a webhook id from another endpoint's log is not found here.
    const current = await getWebhookDetail(context, endpointId, webhookId);
    if (!current.endpointEnabled) {
      throw new AppError(AppErrorCode.Conflict, "This endpoint is disabled; enable it to retry its events.");
    }
    await retryNow(context, current.id);
    return getWebhookDetail(context, endpointId, current.id);
  },
  { portal: true },
);
