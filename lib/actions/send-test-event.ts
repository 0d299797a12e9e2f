"use server";

import { emitEvent } from "@/lib/webhooks/emit";
import { sampleEvent } from "@/lib/webhooks/event-samples";
import { sendTestEventSchema } from "@/lib/webhooks/schemas";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { operatorAction } from "./safe-action";

/** "Send test event": a realistic sample of the chosen type, to this endpoint only (whatever its filter). */
export const sendTestEventAction = operatorAction(
  sendTestEventSchema,
  async ({ endpointId, webhookType }, context) => {
    const sample = sampleEvent(webhookType);
    const result = await emitEvent(
      context,
      { webhookType: sample.webhook_type, objectType: sample.object_type, object: sample.object },
      { onlyEndpointId: endpointId },
    );
    return { eventId: result.event.id, webhookId: result.webhooks[0]?.id ?? null };
  },
  {
    revalidate: ({ endpointId }, _data, { organizationId }) => [
      dashboardHref(organizationId, `/developers/webhooks/${endpointId}`),
    ],
  },
);
