// The delivery worker in a process of its own: what `npm start` runs beside the web server (scripts/start.mjs), with
// the settings of the server. Wakes up on the web processes' NOTIFY (PostgreSQL) or on its socket (SQLite).
import { config } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { startWorker, stopWorker, wakeWorker, workerStatus } from "@/lib/webhooks/delivery/loop";
import { serveWakeUps } from "@/lib/webhooks/delivery/wake";

function fail(error: unknown): never {
  console.error(`[hookline] the worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

let settings;
try {
  settings = config();
} catch (error) {
  fail(error);
}
// The web process migrates too; instances starting together serialise on the migrator's lock.
await migrate(settings.database).catch(fail);
startWorker();
const closeWakeUps = await serveWakeUps({
  wake: wakeWorker,
  status: workerStatus,
  log: (line) => console.error(line),
}).catch(fail);
console.log(
  `[hookline] delivery worker running in process ${process.pid} (${settings.worker.concurrency} in flight at most)`,
);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  // Deliveries in flight are finished and recorded; leases of anything else simply expire.
  await stopWorker();
  await closeWakeUps();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
// `npm start` went away without a word (SIGKILL): nobody would stop this worker any more.
process.on("disconnect", () => void shutdown());
