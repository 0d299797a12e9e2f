// GET /api/health: liveness for load balancers and monitors (public; reveals no secrets or URLs).
import { jsonResponse } from "@/lib/api/http";
import { dbProvider, pingDb } from "@/lib/db/client";
import { workerStatus } from "@/lib/webhooks/delivery/loop";
import { remoteWorkerStatus, workerRunsApart } from "@/lib/webhooks/delivery/wake";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const DATABASE_TIMEOUT_MS = 3000;

export async function GET(): Promise<Response> {
  // A worker in its own process (npm start) answers on its socket; one that does not answer is not running.
  const [ok, apart] = await Promise.all([
    pingDb(DATABASE_TIMEOUT_MS),
    workerRunsApart() ? remoteWorkerStatus() : Promise.resolve(undefined),
  ]);
  const { enabled, running, lastPassAt, lastError, inFlight } =
    apart === undefined
      ? workerStatus()
      : (apart ?? { enabled: true, running: false, lastPassAt: null, lastError: null, inFlight: 0 });
  return jsonResponse(
    {
      status: ok ? "ok" : "error",
      database: { ok, provider: dbProvider() },
      // The worker id (host name, pid) and lastError's text (database messages) stay out of a public answer.
      worker: { enabled, running, lastPassAt, lastPassFailed: lastError !== null, inFlight },
    },
    ok ? 200 : 503,
  );
}
