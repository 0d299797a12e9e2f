// GET /api/health: liveness for load balancers and monitors (public; reveals no secrets or URLs).
import { getDb, dbProvider } from "@/lib/db/client";
import { jsonResponse } from "@/lib/api/http";
import { workerStatus } from "@/lib/webhooks/worker";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const DATABASE_TIMEOUT_MS = 3000;

async function databaseOk(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS)));
  try {
    return await Promise.race([getDb().$queryRawUnsafe("SELECT 1").then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function GET(): Promise<Response> {
  const ok = await databaseOk();
  const { enabled, running, lastPassAt, lastError, inFlight } = workerStatus();
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
