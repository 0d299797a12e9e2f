// `npm start`'s check of the settings (scripts/start.mjs runs it bundled): prints what the launcher needs as JSON,
// or every invalid variable with its accepted form (exit 1).
import { loadConfig } from "@/lib/config";

try {
  const { server, worker } = loadConfig(process.env);
  process.stdout.write(JSON.stringify({ server, worker }));
} catch (error) {
  console.error(`[hookline] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
