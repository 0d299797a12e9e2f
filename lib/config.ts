/**
 * Every setting of Hookline, read from the environment once and validated with zod (Svix's cfg.rs is the model):
 * one typed, frozen object. A malformed value stops start-up with a message naming the variable and the accepted
 * form (`npm start` checks before building; the server checks again in instrumentation before it serves).
 * Nothing else reads process.env for these settings.
 */
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { emailSchema, PASSWORD_MAX, PASSWORD_MIN } from "./auth/schemas";
import { databaseConfig, DEFAULT_DATABASE_URL, type DatabaseConfig } from "./db/config";
import { DEFAULT_SCHEDULE_MS, parseSchedule } from "./webhooks/retry-policy";

export type Env = Record<string, string | undefined>;

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** One environment variable: the accepted form (for messages and the README) and its parser. */
type Setting<T> = {
  form: string;
  /** Gets the trimmed, non-empty text; returns the value or `undefined` when the text is not of the form. */
  parse(text: string): T | undefined;
  fallback: T;
};

function setting<T>(form: string, fallback: T, parse: (text: string) => T | undefined): Setting<T> {
  return { form, fallback, parse };
}

function wholeNumber(fallback: number, min: number, max: number, unit = ""): Setting<number> {
  const what = unit ? `a whole number of ${unit}` : "a whole number";
  return setting(`${what} from ${min} to ${max}`, fallback, (text) => {
    const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
  });
}

function optionalWholeNumber(min: number, max: number): Setting<number | null> {
  return setting(`a whole number from ${min} to ${max}`, null, (text) => wholeNumber(0, min, max).parse(text));
}

function decimal(fallback: number, min: number, max: number, unit: string, exclusiveMin = false): Setting<number> {
  return setting(
    `a number of ${unit} ${exclusiveMin ? "above" : "from"} ${min}${exclusiveMin ? ", at most" : " to"} ${max}`,
    fallback,
    (text) => {
      const value = /^\d{1,12}(\.\d{1,6})?$/.test(text) ? Number(text) : NaN;
      return value <= max && (exclusiveMin ? value > min : value >= min) ? value : undefined;
    },
  );
}

function oneOf<const T extends string>(values: readonly T[], fallback: T): Setting<T> {
  return setting(values.map((v) => `"${v}"`).join(" or "), fallback, (text) => values.find((v) => v === text));
}

function text(
  fallback: string | null,
  form = "any text",
  valid: (text: string) => boolean = () => true,
): Setting<string | null> {
  return setting(form, fallback, (value) => (valid(value) ? value : undefined));
}

function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return undefined;
    if (url.search || url.hash) return undefined;
    return url.toString().replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

/** An OTLP/HTTP address (the exporter adds /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT itself). */
function otlpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? text : undefined;
  } catch {
    return undefined;
  }
}

/** HOOKLINE_SMTP_URL: nodemailer's connection URL (smtp:// or smtps://, credentials allowed). */
function smtpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The shortest HOOKLINE_METRICS_TOKEN: it guards the metrics on the public port. */
const METRICS_TOKEN_MIN = 16;

/** HOOKLINE_RSA_PRIVATE_KEY: base64 of a PEM, as Lago's LAGO_RSA_PRIVATE_KEY (a raw PEM works too). */
function rsaPrivateKeyPem(value: string): string | undefined {
  const pem = value.startsWith("-----BEGIN") ? value : Buffer.from(value, "base64").toString("utf8");
  if (!pem.includes("-----BEGIN")) return undefined;
  try {
    return createPrivateKey(pem).asymmetricKeyType === "rsa" ? pem : undefined;
  } catch {
    return undefined;
  }
}

/**
 * HOOKLINE_PORTAL_FRAME_ANCESTORS: the origins (scheme://host[:port], space- or comma-separated) that may frame the
 * portal, as CSP frame-ancestors takes them; a wildcard subdomain (https://*.example.com) is allowed, paths are not.
 */
function frameAncestorOrigins(value: string): readonly string[] | undefined {
  const origins: string[] = [];
  for (const item of value.split(/[\s,]+/).filter(Boolean)) {
    const match = /^(https?):\/\/(\*\.)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?\/?$/.exec(
      item,
    );
    if (!match || (match[4] && Number(match[4].slice(1)) > 65535)) return undefined;
    origins.push(`${match[1]}://${match[2] ?? ""}${match[3].toLowerCase()}${match[4] ?? ""}`);
  }
  return origins.length > 0 && origins.length <= 50 ? origins : undefined;
}

/** The bounds of HOOKLINE_API_KEY: it is a password for the whole API. */
export const ENV_API_KEY_LENGTH = { min: 24, max: 512 } as const;
/** The most proxy hops HOOKLINE_TRUSTED_PROXIES may name. */
const MAX_TRUSTED_PROXIES = 10;

/**
 * Every variable, its accepted form and its default. The README's settings table lists the same names
 * (lib/config.test.ts checks).
 */
export const SETTINGS = {
  DATABASE_URL: setting<DatabaseConfig>(
    "file:<path> (SQLite) or postgresql://user:password@host:5432/name",
    databaseConfig(DEFAULT_DATABASE_URL),
    (value) => {
      try {
        return databaseConfig(value);
      } catch {
        return undefined;
      }
    },
  ),
  DATABASE_POOL_SIZE: wholeNumber(20, 1, 1000),
  PORT: wholeNumber(3000, 1, 65535),
  // Docker sets HOSTNAME to the container's name, which resolves to the container's own address: still valid.
  HOSTNAME: text(null, "a host name or IP address to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::", (value) =>
    /^[A-Za-z0-9.:_\-[\]%]{1,253}$/.test(value),
  ),
  HOOKLINE_PUBLIC_URL: setting<string | null>(
    "an http(s):// URL without query, e.g. https://hooks.example.com",
    null,
    httpUrl,
  ),
  NEXTAUTH_SECRET: text(null, "any text (at least 32 random characters advised)"),
  NEXTAUTH_URL: setting<string | null>("an http(s):// URL, e.g. https://hooks.example.com", null, httpUrl),
  HOOKLINE_ADMIN_EMAIL: setting<string | null>("an email address", null, (value) => {
    const parsed = emailSchema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  }),
  HOOKLINE_ADMIN_PASSWORD: text(
    null,
    `${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
    (value) => value.length >= PASSWORD_MIN && value.length <= PASSWORD_MAX,
  ),
  HOOKLINE_LOGIN_MAX_FAILURES: wholeNumber(5, 1, 1000),
  HOOKLINE_LOGIN_WINDOW_MS: wholeNumber(15 * MINUTE, 1000, 24 * HOUR, "milliseconds"),
  HOOKLINE_TRUSTED_PROXIES: wholeNumber(0, 0, MAX_TRUSTED_PROXIES),
  WEBHOOK_ENDPOINT_LIMIT: wholeNumber(5, 1, 10_000),
  HOOKLINE_API_KEY: text(
    null,
    `${ENV_API_KEY_LENGTH.min} to ${ENV_API_KEY_LENGTH.max} characters (e.g. openssl rand -base64 32)`,
    (value) => value.length >= ENV_API_KEY_LENGTH.min && value.length <= ENV_API_KEY_LENGTH.max,
  ),
  HOOKLINE_INSTALLATION_API_KEY: text(
    null,
    `${ENV_API_KEY_LENGTH.min} to ${ENV_API_KEY_LENGTH.max} characters, not HOOKLINE_API_KEY's (e.g. openssl rand -base64 32)`,
    (value) => value.length >= ENV_API_KEY_LENGTH.min && value.length <= ENV_API_KEY_LENGTH.max,
  ),
  HOOKLINE_MAX_BODY_BYTES: wholeNumber(262_144, 1, 100 * 1024 * 1024, "bytes"),
  HOOKLINE_LEAN_EVENTS: oneOf(["on", "off"], "on"),
  HOOKLINE_RSA_PRIVATE_KEY: setting<string | null>(
    "the base64 of a PEM RSA private key (a raw PEM works too)",
    null,
    rsaPrivateKeyPem,
  ),
  HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS: decimal(24, 0, 24 * 30, "hours"),
  HOOKLINE_ALLOW_PRIVATE_URLS: oneOf(["true", "false"], "false"),
  HOOKLINE_DELIVERY_TIMEOUT_MS: wholeNumber(30_000, 1, HOUR, "milliseconds"),
  HOOKLINE_RETRY_SCHEDULE: setting<readonly number[] | null>(
    "comma-separated waits with units ms, s, m, h or d, e.g. 5s,5m,30m,2h",
    null,
    (value) => {
      try {
        const waits = parseSchedule(value);
        return waits.length <= 100 && waits.every((wait) => wait <= 30 * 24 * HOUR) ? waits : undefined;
      } catch {
        return undefined;
      }
    },
  ),
  HOOKLINE_RETRY_POLICY: oneOf(["default", "lago"], "default"),
  HOOKLINE_WORKER: oneOf(["on", "off"], "on"),
  HOOKLINE_WORKER_MODE: oneOf(["process", "inline"], "process"),
  // Set by `npm start` for its two processes (the worker's local socket); not a setting to set by hand.
  HOOKLINE_WORKER_SOCKET: text(null, "a Unix socket path", (value) => value.startsWith("/") && value.length <= 100),
  HOOKLINE_WEB_HEAP_MB: wholeNumber(192, 64, 65_536, "MB"),
  HOOKLINE_WORKER_HEAP_MB: wholeNumber(128, 64, 65_536, "MB"),
  HOOKLINE_WORKER_CONCURRENCY: wholeNumber(100, 1, 10_000),
  HOOKLINE_ENDPOINT_CONCURRENCY: optionalWholeNumber(1, 10_000),
  HOOKLINE_WORKER_INTERVAL_MS: wholeNumber(1000, 1, HOUR, "milliseconds"),
  HOOKLINE_LEASE_MS: wholeNumber(60_000, 1, 24 * HOUR, "milliseconds"),
  HOOKLINE_RETENTION_DAYS: decimal(90, 0, 36_500, "days", true),
  HOOKLINE_AUTO_DISABLE_AFTER_HOURS: decimal(120, 0, 24 * 365, "hours", true),
  HOOKLINE_AUTO_DISABLE_MIN_FAILURES: wholeNumber(10, 1, 1_000_000),
  HOOKLINE_PORTAL_FRAME_ANCESTORS: setting<readonly string[]>(
    "origins separated by spaces or commas, e.g. https://app.example.com https://*.example.com",
    [],
    frameAncestorOrigins,
  ),
  CRON_SECRET: text(null),
  HOOKLINE_CRON_BUDGET_MS: wholeNumber(10_000, 1, 10 * MINUTE, "milliseconds"),
  HOOKLINE_METRICS_TOKEN: text(
    null,
    `${METRICS_TOKEN_MIN} to 512 characters (e.g. openssl rand -base64 32)`,
    (value) => value.length >= METRICS_TOKEN_MIN && value.length <= 512,
  ),
  HOOKLINE_METRICS_PORT: optionalWholeNumber(1, 65535),
  HOOKLINE_LOG_LEVEL: oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "info"),
  HOOKLINE_LOG_FORMAT: oneOf(["json", "pretty"], "json"),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting<string | null>(
    "an http(s):// URL, e.g. http://otel-collector:4318",
    null,
    otlpUrl,
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: setting<string | null>(
    "an http(s):// URL, e.g. http://otel-collector:4318/v1/traces",
    null,
    otlpUrl,
  ),
  OTEL_SERVICE_NAME: text("hookline", "a service name, e.g. hookline", (value) => /^[\w.\-/:]{1,100}$/.test(value)),
  HOOKLINE_SMTP_URL: setting<string | null>(
    "smtp://user:password@host:587 or smtps://user:password@host:465",
    null,
    smtpUrl,
  ),
  HOOKLINE_SMTP_FROM: setting<string | null>("an email address, e.g. alerts@example.com", null, (value) => {
    const parsed = emailSchema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  }),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

type Values = { [K in SettingName]: (typeof SETTINGS)[K]["fallback"] };

/** Quotes what was given, cut short: a message must not echo a 100 KB value (or a whole secret). */
function shown(name: string, value: string): string {
  if (/SECRET|PASSWORD|PRIVATE_KEY|API_KEY|TOKEN|SMTP_URL/.test(name)) return `(${value.length} characters)`;
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

const envSchema = z.object(
  Object.fromEntries(
    SETTING_NAMES.map((name) => {
      const { form, fallback, parse } = SETTINGS[name] as Setting<unknown>;
      const schema = z
        .string()
        .optional()
        .transform((raw, ctx) => {
          const value = raw?.trim();
          if (!value) return fallback;
          const parsed = parse(value);
          if (parsed === undefined)
            ctx.addIssue({ code: "custom", message: `${name} must be ${form}; it is ${shown(name, value)}.` });
          return parsed;
        });
      return [name, schema];
    }),
  ),
);

/** Every invalid setting, one line each, naming the variable and the accepted form. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid settings:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export type RetryConfig = { policy: "default" | "lago"; scheduleMs: readonly number[]; customSchedule: boolean };

export type Config = {
  database: DatabaseConfig & { poolSize: number };
  /** `npm start`'s port and listen address (null: every interface). */
  server: { port: number; hostname: string | null };
  /** HOOKLINE_PUBLIC_URL without a trailing slash; null when unset (links then follow the request's host). */
  publicUrl: string | null;
  /** The `iss` of JWT signatures and where it comes from (the dashboard says which). */
  jwtIssuer: { value: string; source: "HOOKLINE_PUBLIC_URL" | "PORT" };
  /** Served over HTTPS (HOOKLINE_PUBLIC_URL is https): Secure cookies and HSTS. */
  https: boolean;
  auth: {
    secret: string | null;
    admin: { email: string; password: string } | null;
    login: { maxFailures: number; windowMs: number };
    trustedProxies: number;
  };
  /** `envKey`: the Default organization's key; `installationKey`: the platform API's (every organization). */
  api: {
    envKey: string | null;
    installationKey: string | null;
    maxBodyBytes: number;
    endpointLimit: number;
    /** `npm start`'s web process answers POST /api/v1/events(/batch) without Next's pipeline (lib/api/lean-events.ts). */
    leanEvents: boolean;
  };
  signing: { rsaPrivateKeyPem: string | null; rotationOverlapMs: number };
  delivery: { timeoutMs: number; allowPrivateUrls: boolean; retry: RetryConfig };
  worker: {
    enabled: boolean;
    /** `process`: `npm start` runs the worker in its own process; `inline`: in the web server's, as `next start` does. */
    mode: "process" | "inline";
    /**
     * The worker's local socket (wake-ups on SQLite, its status for GET /api/health), set by `npm start` when the
     * worker runs in its own process; then this web process runs no worker of its own.
     */
    socket: string | null;
    /** V8 old-space limits `npm start` gives its processes (--max-old-space-size). */
    heapMb: { web: number; worker: number };
    concurrency: number;
    /** Deliveries one endpoint may hold per worker; null: the worker's slots / (busy endpoints + 1). */
    endpointConcurrency: number | null;
    intervalMs: number;
    /** HOOKLINE_LEASE_MS, raised to the delivery timeout + 5 s: a lease must outlast a whole delivery and its write. */
    leaseMs: number;
    retentionDays: number;
  };
  autoDisable: { afterHours: number; minFailures: number };
  cron: { secret: string | null; budgetMs: number };
  /** `GET /metrics`: on the public port only with a bearer token; on `port` (its own server) when set. */
  metrics: { token: string | null; port: number | null };
  logging: { level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent"; pretty: boolean };
  /** OpenTelemetry traces: on when an OTLP endpoint is set (the exporter reads the other OTEL_* variables itself). */
  tracing: { enabled: boolean; serviceName: string };
  /** Alert email: nodemailer's SMTP URL and the From address; both needed for email alerts. */
  smtp: { url: string; from: string } | null;
  /** The origins whose pages may frame the customer portal (none by default: it is then unframeable too). */
  portal: { frameAncestors: readonly string[] };
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Parses an environment into the configuration, or throws a ConfigError listing every invalid variable. */
export function loadConfig(env: Env): Config {
  const result = envSchema.safeParse(Object.fromEntries(SETTING_NAMES.map((name) => [name, env[name]])));
  const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
  if (!result.success) throw new ConfigError(problems);
  const v = result.data as Values;
  if (Boolean(v.HOOKLINE_ADMIN_EMAIL) !== Boolean(v.HOOKLINE_ADMIN_PASSWORD)) {
    throw new ConfigError(["HOOKLINE_ADMIN_EMAIL and HOOKLINE_ADMIN_PASSWORD must be set together (or neither)."]);
  }
  if (Boolean(v.HOOKLINE_SMTP_URL) !== Boolean(v.HOOKLINE_SMTP_FROM)) {
    throw new ConfigError(["HOOKLINE_SMTP_URL and HOOKLINE_SMTP_FROM must be set together (or neither)."]);
  }
  if (v.HOOKLINE_INSTALLATION_API_KEY && v.HOOKLINE_INSTALLATION_API_KEY === v.HOOKLINE_API_KEY) {
    throw new ConfigError([
      "HOOKLINE_INSTALLATION_API_KEY must differ from HOOKLINE_API_KEY (one key cannot be both an organization's and the installation's).",
    ]);
  }
  const issuerFromPort = `http://localhost:${v.PORT}`;
  return deepFreeze({
    database: { ...v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE },
    server: { port: v.PORT, hostname: v.HOSTNAME },
    publicUrl: v.HOOKLINE_PUBLIC_URL,
    jwtIssuer: v.HOOKLINE_PUBLIC_URL
      ? { value: v.HOOKLINE_PUBLIC_URL, source: "HOOKLINE_PUBLIC_URL" }
      : { value: issuerFromPort, source: "PORT" },
    https: v.HOOKLINE_PUBLIC_URL?.startsWith("https://") ?? false,
    auth: {
      secret: v.NEXTAUTH_SECRET,
      admin:
        v.HOOKLINE_ADMIN_EMAIL && v.HOOKLINE_ADMIN_PASSWORD
          ? { email: v.HOOKLINE_ADMIN_EMAIL, password: v.HOOKLINE_ADMIN_PASSWORD }
          : null,
      login: { maxFailures: v.HOOKLINE_LOGIN_MAX_FAILURES, windowMs: v.HOOKLINE_LOGIN_WINDOW_MS },
      trustedProxies: v.HOOKLINE_TRUSTED_PROXIES,
    },
    api: {
      envKey: v.HOOKLINE_API_KEY,
      installationKey: v.HOOKLINE_INSTALLATION_API_KEY,
      maxBodyBytes: v.HOOKLINE_MAX_BODY_BYTES,
      endpointLimit: v.WEBHOOK_ENDPOINT_LIMIT,
      leanEvents: v.HOOKLINE_LEAN_EVENTS === "on",
    },
    signing: {
      rsaPrivateKeyPem: v.HOOKLINE_RSA_PRIVATE_KEY,
      rotationOverlapMs: Math.round(v.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS * HOUR),
    },
    delivery: {
      timeoutMs: v.HOOKLINE_DELIVERY_TIMEOUT_MS,
      allowPrivateUrls: v.HOOKLINE_ALLOW_PRIVATE_URLS === "true",
      retry: {
        policy: v.HOOKLINE_RETRY_POLICY,
        scheduleMs: [...(v.HOOKLINE_RETRY_SCHEDULE ?? DEFAULT_SCHEDULE_MS)],
        customSchedule: v.HOOKLINE_RETRY_SCHEDULE !== null,
      },
    },
    worker: {
      enabled: v.HOOKLINE_WORKER === "on",
      mode: v.HOOKLINE_WORKER_MODE,
      socket: v.HOOKLINE_WORKER_MODE === "process" ? v.HOOKLINE_WORKER_SOCKET : null,
      heapMb: { web: v.HOOKLINE_WEB_HEAP_MB, worker: v.HOOKLINE_WORKER_HEAP_MB },
      concurrency: v.HOOKLINE_WORKER_CONCURRENCY,
      endpointConcurrency: v.HOOKLINE_ENDPOINT_CONCURRENCY,
      intervalMs: v.HOOKLINE_WORKER_INTERVAL_MS,
      leaseMs: Math.max(v.HOOKLINE_LEASE_MS, v.HOOKLINE_DELIVERY_TIMEOUT_MS + 5_000),
      retentionDays: v.HOOKLINE_RETENTION_DAYS,
    },
    autoDisable: { afterHours: v.HOOKLINE_AUTO_DISABLE_AFTER_HOURS, minFailures: v.HOOKLINE_AUTO_DISABLE_MIN_FAILURES },
    cron: { secret: v.CRON_SECRET, budgetMs: v.HOOKLINE_CRON_BUDGET_MS },
    metrics: { token: v.HOOKLINE_METRICS_TOKEN, port: v.HOOKLINE_METRICS_PORT },
    logging: { level: v.HOOKLINE_LOG_LEVEL, pretty: v.HOOKLINE_LOG_FORMAT === "pretty" },
    tracing: {
      enabled: Boolean(v.OTEL_EXPORTER_OTLP_ENDPOINT || v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
      serviceName: v.OTEL_SERVICE_NAME ?? "hookline",
    },
    smtp: v.HOOKLINE_SMTP_URL && v.HOOKLINE_SMTP_FROM ? { url: v.HOOKLINE_SMTP_URL, from: v.HOOKLINE_SMTP_FROM } : null,
    portal: { frameAncestors: [...v.HOOKLINE_PORTAL_FRAME_ANCESTORS] },
  } satisfies Config);
}

// On globalThis: Next bundles route handlers, instrumentation and the proxy separately; one parse serves them all.
const store = globalThis as unknown as {
  hooklineConfig?: { key: string; config: Config };
  hooklineConfigWatch?: boolean;
};

/** What identifies an environment's settings: their values, joined. */
function fingerprint(env: Env): string {
  return SETTING_NAMES.map((name) => env[name] ?? "\u0001").join("\u0000");
}

/**
 * The configuration of this process, parsed at the first call (start-up calls it first) and kept. Throws a
 * ConfigError when a setting is invalid.
 */
export function config(): Config {
  const cached = store.hooklineConfig;
  if (cached && !store.hooklineConfigWatch) return cached.config;
  const key = store.hooklineConfigWatch ? fingerprint(process.env) : "";
  if (cached?.key === key) return cached.config;
  const loaded = loadConfig(process.env);
  store.hooklineConfig = { key, config: loaded };
  return loaded;
}

/** Tests only: re-read the environment whenever one of the settings changed (tests set process.env freely). */
export function watchEnvironmentForTests(): void {
  store.hooklineConfigWatch = true;
  store.hooklineConfig = undefined;
}
