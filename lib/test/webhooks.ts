import type { Db } from "@/lib/db/client";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

/**
 * An invoice.created webhook of the endpoint in `status`, as the worker leaves one after three attempts, in the
 * endpoint's organization (the Default one unless said).
 */
export async function webhookWithStatus(
  db: Db,
  endpointId: string,
  status: string,
  organizationId = DEFAULT_ORGANIZATION_ID,
): Promise<string> {
  const body = '{"webhook_type":"invoice.created"}';
  const event = await db.event.create({
    data: { organizationId, webhookType: "invoice.created", objectType: "invoice", body },
  });
  const webhook = await db.webhook.create({
    data: {
      organizationId,
      eventId: event.id,
      endpointId,
      webhookType: "invoice.created",
      objectType: "invoice",
      status,
      attemptCount: 3,
      retries: 2,
    },
  });
  return webhook.id;
}
