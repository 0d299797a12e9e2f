// POST /api/v1/webhooks/:id/retry: send a failed webhook again at once, under the same unique key (API key).
import { apiHandler, jsonResponse, requireApiKey } from "@/lib/api/http";
import { getDb } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { idSchema } from "@/lib/webhooks/schemas";
import { retryWebhook } from "@/lib/webhooks/worker";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

export const POST = apiHandler(async (request: Request, { params }: Context) => {
  await requireApiKey(request);
  const { id } = await params;
  if (!idSchema.safeParse(id).success) throw new AppError(AppErrorCode.NotFound, "Webhook not found.");
  await retryWebhook(id);
  const webhook = await getDb().webhook.findUniqueOrThrow({
    where: { id },
    select: { id: true, endpointId: true, webhookType: true, status: true, retries: true },
  });
  return jsonResponse(
    { webhook: { id: webhook.id, endpoint_id: webhook.endpointId, webhook_type: webhook.webhookType, status: webhook.status, retries: webhook.retries } },
    202,
  );
}, { notFoundCode: "webhook_not_found", conflictCode: "invalid_status" });
