// POST /api/v1/events: emit an event to every matching endpoint of the caller's organization (API key; Idempotency-Key
// replays the first answer). Under `npm start` the web process answers it without Next's pipeline (lib/api/lean-events.ts),
// calling the same acceptEvent.
import { acceptEvent } from "@/lib/api/events-api";
import { apiRoute } from "@/lib/api/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(acceptEvent);
