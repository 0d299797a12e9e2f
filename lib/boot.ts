import { ensureEnvApiKey, ensureEnvInstallationApiKey, type EnvApiKeyOutcome } from "@/lib/api/api-keys";
import { installClientAddressHeader } from "@/lib/auth/client-address";
import { ensureEnvOperator } from "@/lib/auth/operators";
import { config, type Config } from "@/lib/config";
import { migrate } from "@/lib/db/migrate";
import { startWorker, stopWorker } from "@/lib/webhooks/delivery/loop";

/** Says at start-up what became of a key from the environment. */
function reportEnvKey(variable: string, outcome: EnvApiKeyOutcome): void {
  if (outcome === "created") console.log(`[hookline] added the API key from ${variable}`);
  if (outcome === "revoked") console.warn(`[hookline] ${variable} was revoked in the dashboard; it stays revoked`);
  if (outcome === "elsewhere")
    console.warn(`[hookline] ${variable} is already stored as another owner's API key; it is left as it is`);
}

const globalForBoot = globalThis as unknown as { hooklineBooted?: Promise<void> };

function stop(error: unknown): never {
  console.error(`[hookline] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * Start-up: validate the settings, migrate, then start the worker. An invalid setting or a failed migration stops
 * the process with a message that names it.
 */
export function boot(): Promise<void> {
  return (globalForBoot.hooklineBooted ??= (async () => {
    let settings: Config;
    try {
      settings = config();
    } catch (error) {
      stop(error);
    }
    installClientAddressHeader();
    try {
      const applied = await migrate(settings.database);
      if (applied.length) console.log(`[hookline] applied migrations: ${applied.join(", ")}`);
      if (await ensureEnvOperator()) console.log("[hookline] created the operator from HOOKLINE_ADMIN_EMAIL");
      reportEnvKey("HOOKLINE_API_KEY", await ensureEnvApiKey());
      reportEnvKey("HOOKLINE_INSTALLATION_API_KEY", await ensureEnvInstallationApiKey());
    } catch (error) {
      stop(error);
    }
    const { database } = settings;
    console.log(
      `[hookline] database: ${database.provider}${database.provider === "sqlite" ? ` (${database.filename})` : ""}`,
    );
    // Under `npm start` the worker runs in a process of its own (scripts/worker.ts) unless HOOKLINE_WORKER_MODE=inline.
    if (settings.worker.enabled && !settings.worker.socket) {
      startWorker();
      const shutdown = () => void stopWorker().finally(() => process.exit(0));
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    }
  })());
}
