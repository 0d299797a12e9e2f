import { startAlertChecks } from "@/lib/alerts/checks";
import { ensureEnvApiKey, ensureEnvInstallationApiKey, type EnvApiKeyOutcome } from "@/lib/api/api-keys";
import { installClientAddressHeader } from "@/lib/auth/client-address";
import { ensureEnvOperator } from "@/lib/auth/operators";
import { config, type Config } from "@/lib/config";
import { migrate } from "@/lib/db/migrate";
import { logger } from "@/lib/observability/logger";
import { startConfiguredMetricsServer } from "@/lib/observability/metrics-http";
import { initTracing, shutdownTracing } from "@/lib/observability/tracing";
import { startWorker, stopWorker } from "@/lib/webhooks/delivery/loop";

/** Says at start-up what became of a key from the environment. */
function reportEnvKey(variable: string, outcome: EnvApiKeyOutcome): void {
  const log = logger();
  if (outcome === "created") log.info(`added the API key from ${variable}`);
  if (outcome === "revoked") log.warn(`${variable} was revoked in the dashboard; it stays revoked`);
  if (outcome === "elsewhere")
    log.warn(`${variable} is already stored as another owner's API key; it is left as it is`);
}

const globalForBoot = globalThis as unknown as { hooklineBooted?: Promise<void> };

function stop(error: unknown): never {
  // Before the settings are read the logger cannot be built (it reads HOOKLINE_LOG_LEVEL): a plain line then.
  const message = `cannot start: ${error instanceof Error ? error.message : String(error)}`;
  try {
    logger().fatal(message);
  } catch {
    console.error(`[hookline] ${message}`);
  }
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
    const log = logger();
    initTracing();
    try {
      const applied = await migrate(settings.database);
      if (applied.length) log.info({ migrations: applied }, "applied migrations");
      if (await ensureEnvOperator()) log.info("created the operator from HOOKLINE_ADMIN_EMAIL");
      reportEnvKey("HOOKLINE_API_KEY", await ensureEnvApiKey());
      reportEnvKey("HOOKLINE_INSTALLATION_API_KEY", await ensureEnvInstallationApiKey());
      await startConfiguredMetricsServer();
    } catch (error) {
      stop(error);
    }
    startAlertChecks();
    const { database } = settings;
    log.info(
      { provider: database.provider, ...(database.provider === "sqlite" ? { filename: database.filename } : {}) },
      "database ready",
    );
    // Under `npm start` the worker runs in a process of its own (scripts/worker.ts) unless HOOKLINE_WORKER_MODE=inline.
    if (settings.worker.enabled && !settings.worker.socket) {
      startWorker();
      const shutdown = () =>
        void stopWorker()
          .then(() => shutdownTracing())
          .finally(() => process.exit(0));
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    }
  })());
}
