// POST /api/v1/events/batch: emit up to 1,000 events at once to the caller's organization (API key); all or nothing,
// one result per event in order. Under `npm start` the web process answers it without Next's pipeline
// (lib/api/lean-events.ts), calling the same acceptEventBatch.
import { acceptEventBatch } from "@/lib/api/events-api";
import { apiRoute } from "@/lib/api/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(acceptEventBatch);
