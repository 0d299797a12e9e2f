// The model types and SQL helpers the app uses, for both providers: the only way into lib/generated outside lib/db.
// Types come from the SQLite client, the smaller feature set (no case-insensitive mode, say), which PostgreSQL's
// client also has: the models are identical (schema.test.ts). The helpers are Prisma's runtime, shared by both.
export type {
  ApiKey,
  Attempt,
  Event,
  Operator,
  Prisma,
  Setting,
  Webhook,
  WebhookEndpoint,
} from "@/lib/generated/sqlite/client";
export { DbNull, empty, join, raw, sqltag as sql } from "@prisma/client/runtime/client";
