import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { config } from "@/lib/config";

/**
 * The one logger (pino): one JSON object per line with level, time, msg and the ids involved (eventId, webhookId,
 * endpointId, organizationId); HOOKLINE_LOG_LEVEL, and HOOKLINE_LOG_FORMAT=pretty for a terminal (pino-pretty in
 * this thread, no worker). Never log a payload, a response body or a secret: pass ids, statuses and durations.
 * Fields named like secrets are censored anyway (`REDACTED`), in case one slips into an object.
 */

const REDACTED = [
  "secret",
  "previousSecret",
  "password",
  "token",
  "apiKey",
  "authorization",
  "body",
  "payload",
  "*.secret",
  "*.previousSecret",
  "*.password",
  "*.token",
  "*.apiKey",
  "*.authorization",
  "*.body",
  "*.payload",
  "headers",
  "*.headers",
];

type LoggerStore = { logger: Logger; key: string; destination?: DestinationStream };
const store = globalThis as unknown as { hooklineLogger?: LoggerStore };

function build(destination?: DestinationStream): LoggerStore {
  const { level, pretty: isPretty } = config().logging;
  const key = `${level}:${isPretty}`;
  const options: pino.LoggerOptions = {
    level,
    base: { service: "hookline" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  const stream = destination ?? (isPretty ? pretty({ colorize: true, sync: true }) : pino.destination({ sync: true }));
  return { logger: pino(options, stream), key, destination };
}

/** The process's logger; rebuilt when HOOKLINE_LOG_LEVEL or HOOKLINE_LOG_FORMAT change (tests). */
export function logger(): Logger {
  const current = store.hooklineLogger;
  const { level, pretty: isPretty } = config().logging;
  if (current && current.key === `${level}:${isPretty}`) return current.logger;
  store.hooklineLogger = build(current?.destination);
  return store.hooklineLogger.logger;
}

/** Tests: send every line to `destination` (a stream collecting them); `undefined` restores stdout. */
export function setLogDestinationForTests(destination: DestinationStream | undefined): void {
  store.hooklineLogger = build(destination);
}

/** Logs an unexpected failure of `what` (a request, an action) with its stack (server only: lib/errors.ts is not). */
export function logUnexpected(what: string, error: unknown): void {
  let log: Logger;
  try {
    log = logger();
  } catch {
    // The settings themselves are broken (the logger reads them): a failure must still be told, and never throw.
    console.error(`[hookline] ${what} failed`, error);
    return;
  }
  log.error({ err: error }, `${what} failed`);
}
