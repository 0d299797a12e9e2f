import type { Db } from "@/lib/db/client";

/** An invoice.created webhook of the endpoint in `status`, as the worker leaves one after three attempts. */
export async function webhookWithStatus(db: Db, endpointId: string, status: string): Promise<string> {
  const body = '{"webhook_type":"invoice.created"}';
  const event = await db.event.create({ data: { webhookType: "invoice.created", objectType: "invoice", body } });
  const webhook = await db.webhook.create({
    data: {
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
