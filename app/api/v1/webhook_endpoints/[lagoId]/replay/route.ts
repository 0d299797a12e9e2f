// POST /api/v1/webhook_endpoints/:lago_id/replay: re-send every failed or retrying webhook of the endpoint since a time (API key).
import { z } from "zod";
import { requireApiContext } from "@/lib/api/auth";
import { parseRequest, readJsonBody } from "@/lib/api/body";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import { AppError, AppErrorCode } from "@/lib/errors";
import { replayFailed } from "@/lib/webhooks/replay";
import { idSchema } from "@/lib/webhooks/schemas";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ lagoId: string }> };

const options = { notFoundCode: "webhook_endpoint_not_found" };

// Only the shape here; the value (format, 14-day limit) is checked by replayFailed, as for the dashboard.
const replayRequestSchema = z.strictObject({ since: z.unknown() });

export const POST = apiHandler(async (request: Request, { params }: Context) => {
  const context = await requireApiContext(request);
  const { lagoId } = await params;
  if (!idSchema.safeParse(lagoId).success)
    throw new AppError(AppErrorCode.NotFound, "This webhook endpoint does not exist.");
  const body = parseRequest(replayRequestSchema, await readJsonBody(request));
  const replay = await replayFailed(context, lagoId, body.since as string);
  return jsonResponse({ replay: { count: replay.count, since: replay.since.toISOString() } }, 202);
}, options);
