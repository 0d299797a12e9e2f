"use server";

import { AppError, AppErrorCode } from "@/lib/errors";
import { getWebhookDetail } from "@/lib/webhooks/detail";
import { resendWebhook } from "@/lib/webhooks/retry";
import { webhookRefSchema } from "@/lib/webhooks/schemas";
import { operatorAction } from "./safe-action";

/** "Resend" on a delivered event (the operator confirmed): one more attempt under the same unique key. */
export const resendWebhookAction = operatorAction(
  webhookRefSchema,
  async ({ endpointId, webhookId }, context) => {
    const current = await getWebhookDetail(context, endpointId, webhookId);
    if (!current.endpointEnabled) {
      throw new AppError(AppErrorCode.Conflict, "This endpoint is disabled; enable it to resend its events.");
    }
    await resendWebhook(context, current.id);
    return getWebhookDetail(context, endpointId, current.id);
  },
  { portal: true },
);
