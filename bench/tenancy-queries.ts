// Log pages in a multi-tenant installation: 1,000,000 webhooks spread over 100 organizations (2 endpoints each),
// seeded by one INSERT ... SELECT generate_series on PostgreSQL; then, in one organization, its endpoint's log and its
// organization-wide All events page are timed through lib/webhooks/queries.ts, as the dashboard calls them.
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { LAGO_WEBHOOK_TYPES } from "@/lib/webhooks/event-types";
import { listAllWebhooks, listWebhooks } from "@/lib/webhooks/queries";
import { connect, freshDatabase } from "@/fault/db";
import { median } from "./stats";

export type TenancyFigures = {
  rows: number;
  organizations: number;
  insertSeconds: number;
  /** name -> median ms */
  timings: Record<string, number>;
};

export const ORGANIZATIONS = 100;
const ENDPOINTS_PER_ORGANIZATION = 2;
const DAYS = 30;
const TYPES = LAGO_WEBHOOK_TYPES.slice(0, 24);

const organizationId = (k: number) => `org-${String(k).padStart(3, "0")}`;
const endpointId = (k: number, e: number) => `ep-${String(k).padStart(3, "0")}-${e}`;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Builds the installation on a fresh PostgreSQL database and times one organization's pages (median of `runs`). */
export async function measureTenancyQueries(
  rows: number,
  runs: number,
  log: (line: string) => void,
): Promise<TenancyFigures> {
  const database = await freshDatabase("postgresql");
  const sql = connect(database.url);
  const previousUrl = process.env.DATABASE_URL;
  try {
    await migrate(database.config);
    await sql.query(
      `INSERT INTO "organizations" ("id", "name", "updatedAt")
       SELECT 'org-' || lpad(k::text, 3, '0'), 'Customer ' || k, now() FROM generate_series(0, ${ORGANIZATIONS - 1}) AS k`,
    );
    await sql.query(
      `INSERT INTO "webhook_endpoints" ("id", "organizationId", "url", "signatureAlgo", "secret", "updatedAt")
       SELECT 'ep-' || lpad(k::text, 3, '0') || '-' || e, 'org-' || lpad(k::text, 3, '0'),
         'https://customer' || k || '.example/hook' || e, 'hmac', 'secret', now()
       FROM generate_series(0, ${ORGANIZATIONS - 1}) AS k, generate_series(0, ${ENDPOINTS_PER_ORGANIZATION - 1}) AS e`,
    );
    const now = Date.now();
    const span = DAYS * 86_400_000;
    const events = rows / ENDPOINTS_PER_ORGANIZATION;
    const started = performance.now();
    // One statement: each event (its organization by e % 100, its instant over the last 30 days) and its webhook to
    // each of the organization's endpoints; 93% succeeded, 4% failed, 2% retrying, 1% pending.
    await sql.query(`
      WITH ev AS (
        INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "createdAt")
        SELECT 'ev-' || lpad(e::text, 8, '0'), 'org-' || lpad((e % ${ORGANIZATIONS})::text, 3, '0'), t, split_part(t, '.', 1),
          'obj_' || e, '{"webhook_type":"' || t || '","padding":"' || repeat('x', 300) || '"}',
          to_timestamp((${now - span}::bigint + (e::bigint * ${span}) / ${events}) / 1000.0) AT TIME ZONE 'UTC'
        FROM (SELECT e, (ARRAY[${TYPES.map((t) => `'${t}'`).join(",")}])[1 + (hashint4(e) & 2147483647) % ${TYPES.length}] AS t
              FROM generate_series(1, ${events}) AS e) x
        RETURNING "id", "organizationId", "webhookType", "objectType", "objectId", "createdAt")
      INSERT INTO "webhooks" ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status",
        "retries", "attemptCount", "lastHttpStatus", "deliveredAt", "createdAt", "updatedAt")
      SELECT 'wh-' || substr(ev."id", 4) || '-' || n, ev."organizationId", ev."id", 'ep-' || substr(ev."organizationId", 5) || '-' || n,
        ev."webhookType", ev."objectType", ev."objectId", st,
        CASE st WHEN 'succeeded' THEN 0 WHEN 'pending' THEN 0 ELSE 3 END,
        CASE st WHEN 'succeeded' THEN 1 WHEN 'pending' THEN 0 ELSE 4 END,
        CASE st WHEN 'succeeded' THEN 200 WHEN 'pending' THEN NULL ELSE 500 END,
        CASE WHEN st = 'succeeded' THEN ev."createdAt" END, ev."createdAt", ev."createdAt"
      FROM ev, generate_series(0, ${ENDPOINTS_PER_ORGANIZATION - 1}) AS n,
        LATERAL (SELECT CASE WHEN h < 930 THEN 'succeeded' WHEN h < 970 THEN 'failed' WHEN h < 990 THEN 'retrying' ELSE 'pending' END AS st
                 FROM (SELECT (hashint4(hashtext(ev."id") + n) & 2147483647) % 1000 AS h) hh) s`);
    const insertSeconds = (performance.now() - started) / 1000;
    await sql.query(`VACUUM ANALYZE "webhooks"`);
    await sql.query(`VACUUM ANALYZE "events"`);
    const [{ n }] = await sql.query<{ n: number | string }>(`SELECT count(*) AS n FROM "webhooks"`);
    log(
      `postgresql tenancy: ${Number(n).toLocaleString("en-US")} webhooks over ${ORGANIZATIONS} organizations in ${insertSeconds.toFixed(0)} s`,
    );

    if (process.env.BENCH_EXPLAIN)
      for (const [name, text] of [
        [
          "endpoint log",
          `EXPLAIN ANALYZE SELECT "id" FROM "webhooks" WHERE "organizationId" = 'org-042' AND "endpointId" = 'ep-042-0' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
        ],
        [
          "all events",
          `EXPLAIN ANALYZE SELECT "id" FROM "webhooks" WHERE "organizationId" = 'org-042' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
        ],
      ])
        log(`${name}:\n${(await sql.query<{ "QUERY PLAN": string }>(text)).map((r) => r["QUERY PLAN"]).join("\n")}`);
    await closeDb();
    process.env.DATABASE_URL = database.url;
    const org = { organizationId: organizationId(42) };
    const endpoint = endpointId(42, 0);
    const firstLog = await listWebhooks(org, endpoint, {});
    const firstAll = await listAllWebhooks(org, {});
    const timings: Record<string, number> = {
      "an endpoint's log, first page": await timed(runs, () => listWebhooks(org, endpoint, {})),
      "an endpoint's log, next page": await timed(runs, () => listWebhooks(org, endpoint, {}, firstLog.nextCursor)),
      "All events of an organization, first page (with its count)": await timed(runs, () => listAllWebhooks(org, {})),
      "All events, next page": await timed(runs, () => listAllWebhooks(org, {}, null, firstAll.nextCursor)),
      "All events, failed only": await timed(runs, () => listAllWebhooks(org, { status: "failed" })),
      "All events, search a type": await timed(runs, () => listAllWebhooks(org, { q: "invoice.created" })),
    };
    for (const [name, ms] of Object.entries(timings)) log(`postgresql tenancy, ${name}: ${ms.toFixed(1)} ms`);
    return { rows: Number(n), organizations: ORGANIZATIONS, insertSeconds, timings };
  } finally {
    await closeDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await sql.close();
    await database.drop();
  }
}
