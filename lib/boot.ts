import { ensureEnvApiKey } from "@/lib/api/keys";
import { ensureEnvOperator } from "@/lib/auth/operators";
import { databaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { startWorker, stopWorker } from "@/lib/webhooks/worker";

const globalForBoot = globalThis as unknown as { hooklineBooted?: Promise<void> };

/** Start-up: migrate (a failure stops the process with the migration's name and the database error), then start the worker. */
export function boot(): Promise<void> {
  return (globalForBoot.hooklineBooted ??= (async () => {
    const config = databaseConfig();
    try {
      const applied = await migrate(config);
      if (applied.length) console.log(`[hookline] applied migrations: ${applied.join(", ")}`);
    } catch (error) {
      console.error(`[hookline] cannot start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    try {
      if (await ensureEnvOperator()) console.log("[hookline] created the operator from HOOKLINE_ADMIN_EMAIL");
      const envKey = await ensureEnvApiKey();
      if (envKey === "created") console.log("[hookline] added the API key from HOOKLINE_API_KEY");
      if (envKey === "revoked") console.warn("[hookline] HOOKLINE_API_KEY was revoked in the dashboard; it stays revoked");
    } catch (error) {
      console.error(`[hookline] cannot start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    console.log(`[hookline] database: ${config.provider}${config.provider === "sqlite" ? ` (${config.filename})` : ""}`);
    if (process.env.HOOKLINE_WORKER !== "off") {
      startWorker();
      const stop = () => void stopWorker().finally(() => process.exit(0));
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    }
  })());
}
