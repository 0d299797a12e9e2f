// GET/POST /api/cron/deliver: one bounded delivery pass for external schedulers (Authorization: Bearer $CRON_SECRET).
import { createHash, timingSafeEqual } from "node:crypto";
import { bearerToken } from "@/lib/api/auth";
import { apiHandler, jsonResponse, lagoError } from "@/lib/api/http";
import { config } from "@/lib/config";
import { sweepFailingEndpoints } from "@/lib/webhooks/auto-disable";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";
import { purgeWhenDue } from "@/lib/webhooks/retention";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
// The pass is bounded by HOOKLINE_CRON_BUDGET_MS; platforms that cap function time need room above it.
export const maxDuration = 60;

// Where the in-process loop is off, the cron route also does its upkeep: auto-disable and purge (each throttled inside).
async function upkeep(): Promise<void> {
  await sweepFailingEndpoints();
  await purgeWhenDue();
}

/** Equal-length digests, so neither the secret's content nor its length leaks through timing. */
function matchesSecret(token: string | null, secret: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return token !== null && timingSafeEqual(digest(token), digest(secret));
}

// A pass that fails (the database gone, say) is logged and answered as any API route's unexpected error: a 500.
const deliver = apiHandler(async (request: Request) => {
  const { secret, budgetMs } = config().cron;
  if (!secret) return lagoError(503, "cron_disabled", { message: "Set CRON_SECRET to enable /api/cron/deliver." });
  if (!matchesSecret(bearerToken(request), secret)) return lagoError(401, "invalid_cron_secret");
  const startedAt = Date.now();
  const stats = await runDeliveryPass({ budgetMs });
  await upkeep();
  return jsonResponse({ ok: true, budget_ms: budgetMs, duration_ms: Date.now() - startedAt, ...stats });
});

export const GET = deliver;
export const POST = deliver;
