// POST /api/v1/webhooks/:id/retry: send a failed or retrying webhook again now, under the same unique key (API key).
import { requireApiContext } from "@/lib/api/auth";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import { AppError, AppErrorCode } from "@/lib/errors";
import { requestRetry } from "@/lib/webhooks/retry";
import { idSchema } from "@/lib/webhooks/schemas";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

export const POST = apiHandler(
  async (request: Request, { params }: Context) => {
    const context = await requireApiContext(request);
    const { id } = await params;
    if (!idSchema.safeParse(id).success) throw new AppError(AppErrorCode.NotFound, "Webhook not found.");
    const webhook = await requestRetry(context, id);
    return jsonResponse(
      {
        webhook: {
          id: webhook.id,
          endpoint_id: webhook.endpointId,
          webhook_type: webhook.webhookType,
          status: webhook.status,
          retries: webhook.retries,
        },
      },
      202,
    );
  },
  { notFoundCode: "webhook_not_found", conflictCode: "invalid_status" },
);
