// Log queries at scale: a million webhooks bulk-inserted with SQL (spread over endpoints, statuses, types and days),
// then listWebhooks (its first page counts, capped at 10,000) and countWebhooks from lib/webhooks/queries.ts timed here.
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { LAGO_WEBHOOK_TYPES } from "@/lib/webhooks/event-types";
import { countWebhooks, listWebhooks } from "@/lib/webhooks/queries";
import { connect, freshDatabase, type Provider, type Sql } from "@/fault/db";
import { median } from "./stats";

export type LogQueryFigures = {
  provider: Provider;
  rows: number;
  insertSeconds: number;
  /** name -> median ms */
  timings: Record<string, number>;
};

const DAYS = 30;
// Endpoint shares of the log (the busiest endpoint is the one read), and statuses (per mille).
const ENDPOINT_SHARES = [50, 20, 15, 10, 5];
const TYPES = LAGO_WEBHOOK_TYPES.slice(0, 24);

/** The endpoint's index for row i: 50% / 20% / 15% / 10% / 5%. */
const endpointCase = (i: string, ids: string[]) => {
  let bound = 0;
  const branches = ENDPOINT_SHARES.slice(0, -1).map(
    (share, k) => `WHEN (${i}) % 100 < ${(bound += share)} THEN '${ids[k]}'`,
  );
  return `CASE ${branches.join(" ")} ELSE '${ids[ids.length - 1]}' END`;
};
// 93% succeeded, 4% failed, 2% retrying, 1% pending: by a hash of i, so statuses do not line up with endpoints.
const statusCase = (h: string) =>
  `CASE WHEN ${h} < 930 THEN 'succeeded' WHEN ${h} < 970 THEN 'failed' WHEN ${h} < 990 THEN 'retrying' ELSE 'pending' END`;
const typesArray = (sql: "pg" | "sqlite") =>
  sql === "pg" ? `(ARRAY[${TYPES.map((t) => `'${t}'`).join(",")}])` : `json('${JSON.stringify(TYPES)}')`;

async function fillPostgres(sql: Sql, rows: number, endpointIds: string[]) {
  const now = Date.now();
  const span = DAYS * 86_400_000;
  // createdAt runs over the last 30 days with i; the id is a UUIDv7 of that instant, so (createdAt, id) stays ordered.
  await sql.query(`
    INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "createdAt")
    SELECT id, '${DEFAULT_ORGANIZATION_ID}', t, split_part(t, '.', 1), 'obj_' || e, '{"webhook_type":"' || t || '","object_type":"' || split_part(t, '.', 1) || '","padding":"' || repeat('x', 300) || '"}', ts
    FROM (
      SELECT e, t, ts,
        substr(lpad(to_hex(ms), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex(ms), 12, '0'), 9, 4) || '-7' || substr(md5(e::text), 1, 3) || '-8' || substr(md5(e::text), 4, 3) || '-' || substr(md5(e::text), 7, 12) AS id
      FROM (
        SELECT e, ${typesArray("pg")}[1 + (hashint4(e) & 2147483647) % ${TYPES.length}] AS t,
          ${now - span}::bigint + (e::bigint * ${span}) / ${rows} AS ms,
          to_timestamp((${now - span}::bigint + (e::bigint * ${span}) / ${rows}) / 1000.0) AT TIME ZONE 'UTC' AS ts
        FROM generate_series(1, ${rows / 4}) AS e
      ) x
    ) y`);
  await sql.query(`
    INSERT INTO "webhooks" ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status", "retries", "attemptCount",
      "lastHttpStatus", "nextAttemptAt", "deliveredAt", "createdAt", "updatedAt")
    SELECT substr(ev."id", 1, 19) || substr(md5('w' || i), 1, 4) || '-' || substr(md5('w' || i), 5, 12), '${DEFAULT_ORGANIZATION_ID}', ev."id",
      ${endpointCase("i", endpointIds)}, ev."webhookType", ev."objectType", ev."objectId", st,
      CASE st WHEN 'succeeded' THEN 0 WHEN 'pending' THEN 0 ELSE 3 END,
      CASE st WHEN 'succeeded' THEN 1 WHEN 'pending' THEN 0 ELSE 4 END,
      CASE st WHEN 'succeeded' THEN 200 WHEN 'pending' THEN NULL ELSE 500 END,
      CASE WHEN st IN ('retrying', 'pending') THEN ev."createdAt" + interval '1 hour' END,
      CASE WHEN st = 'succeeded' THEN ev."createdAt" END,
      ev."createdAt", ev."createdAt"
    FROM (
      SELECT i, ${statusCase("((hashint4(i + 7) & 2147483647) % 1000)")} AS st, ((i - 1) / 4) + 1 AS e FROM generate_series(1, ${rows}) AS i
    ) w
    JOIN (SELECT "id", "webhookType", "objectType", "objectId", "createdAt", row_number() OVER (ORDER BY "createdAt", "id") AS e FROM "events") ev USING (e)`);
  await sql.query(`VACUUM ANALYZE "webhooks"`);
  await sql.query(`VACUUM ANALYZE "events"`);
}

async function fillSqlite(sql: Sql, rows: number, endpointIds: string[]) {
  const now = Date.now();
  const span = DAYS * 86_400_000;
  const hash = (x: string) => `((((${x}) * 2654435761) % 4294967296) % 1000)`;
  await sql.query(`
    INSERT INTO "events" ("id", "organizationId", "webhookType", "objectType", "objectId", "body", "createdAt")
    WITH RECURSIVE n(e) AS (SELECT 1 UNION ALL SELECT e + 1 FROM n WHERE e < ${rows / 4}),
    x AS (SELECT e, json_extract(${typesArray("sqlite")}, '$[' || ((e * 7919) % ${TYPES.length}) || ']') AS t, ${now - span} + (e * ${span}) / ${rows} AS ms FROM n)
    SELECT substr(printf('%012x', ms), 1, 8) || '-' || substr(printf('%012x', ms), 9, 4) || '-7' || lower(hex(randomblob(2))) || '-8' ||
        substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
      '${DEFAULT_ORGANIZATION_ID}', t, substr(t, 1, instr(t, '.') - 1), 'obj_' || e, '{"webhook_type":"' || t || '","padding":"' || printf('%.300c', 'x') || '"}', ms
    FROM x`);
  await sql.query(`
    INSERT INTO "webhooks" ("id", "organizationId", "eventId", "endpointId", "webhookType", "objectType", "objectId", "status", "retries", "attemptCount",
      "lastHttpStatus", "nextAttemptAt", "deliveredAt", "createdAt", "updatedAt")
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}),
    ev AS (SELECT "id", "webhookType", "objectType", "objectId", "createdAt", row_number() OVER (ORDER BY "createdAt", "id") AS e FROM "events"),
    w AS (SELECT i, ${statusCase(hash("i + 7"))} AS st, ((i - 1) / 4) + 1 AS e FROM n)
    SELECT substr(ev."id", 1, 19) || lower(hex(randomblob(2))) || '-' || lower(hex(randomblob(6))), '${DEFAULT_ORGANIZATION_ID}', ev."id",
      ${endpointCase("i", endpointIds)}, ev."webhookType", ev."objectType", ev."objectId", st,
      CASE st WHEN 'succeeded' THEN 0 WHEN 'pending' THEN 0 ELSE 3 END,
      CASE st WHEN 'succeeded' THEN 1 WHEN 'pending' THEN 0 ELSE 4 END,
      CASE st WHEN 'succeeded' THEN 200 WHEN 'pending' THEN NULL ELSE 500 END,
      CASE WHEN st IN ('retrying', 'pending') THEN ev."createdAt" + 3600000 END,
      CASE WHEN st = 'succeeded' THEN ev."createdAt" END,
      ev."createdAt", ev."createdAt"
    FROM w JOIN ev USING (e)`);
  await sql.query(`ANALYZE`);
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Builds the log on a fresh database and times the log's pages (median of `runs`). */
export async function measureLogQueries(
  provider: Provider,
  rows: number,
  runs: number,
  log: (line: string) => void,
): Promise<LogQueryFigures> {
  const database = await freshDatabase(provider);
  const sql = connect(database.url);
  const previousUrl = process.env.DATABASE_URL;
  try {
    await migrate(database.config);
    const endpointIds = ENDPOINT_SHARES.map((_, k) => `0190a000-0000-7000-8000-00000000000${k}`);
    for (const [k, id] of endpointIds.entries()) {
      await sql.query(
        `INSERT INTO "webhook_endpoints" ("id", "organizationId", "url", "signatureAlgo", "secret", "updatedAt") VALUES (?, ?, ?, 'hmac', 'secret', ?)`,
        [
          id,
          DEFAULT_ORGANIZATION_ID,
          `https://receiver${k}.example/hook`,
          provider === "postgresql" ? new Date() : Date.now(),
        ],
      );
    }
    const started = performance.now();
    await (provider === "postgresql" ? fillPostgres(sql, rows, endpointIds) : fillSqlite(sql, rows, endpointIds));
    const insertSeconds = (performance.now() - started) / 1000;
    const [{ n }] = await sql.query<{ n: number | string }>(`SELECT count(*) AS n FROM "webhooks"`);
    log(`${provider}: ${Number(n).toLocaleString("en-US")} webhooks inserted in ${insertSeconds.toFixed(0)} s`);

    await closeDb();
    process.env.DATABASE_URL = database.url;
    const busiest = endpointIds[0];
    const [sample] = await sql.query<{ objectId: string; id: string }>(
      `SELECT "objectId", "id" FROM "webhooks" WHERE "endpointId" = ? ORDER BY "createdAt" DESC LIMIT 1 OFFSET 5000`,
      [busiest],
    );
    const org = { organizationId: DEFAULT_ORGANIZATION_ID };
    const first = await listWebhooks(org, busiest, {});
    const timings: Record<string, number> = {
      "first page": await timed(runs, () => listWebhooks(org, busiest, {})),
      "second page (cursor)": await timed(runs, () => listWebhooks(org, busiest, {}, first.nextCursor)),
      "failed + type": await timed(runs, () =>
        listWebhooks(org, busiest, { status: "failed", type: "invoice.created" }),
      ),
      "search: object id": await timed(runs, () => listWebhooks(org, busiest, { q: sample.objectId })),
      "search: unique key prefix": await timed(runs, () => listWebhooks(org, busiest, { q: sample.id.slice(0, 13) })),
      "search: type name": await timed(runs, () => listWebhooks(org, busiest, { q: "invoice.created" })),
      "search: key part (the row's visible end)": await timed(runs, () =>
        listWebhooks(org, busiest, { q: sample.id.slice(-12) }),
      ),
      "search: object id start": await timed(runs, () =>
        listWebhooks(org, busiest, { q: sample.objectId.slice(0, -1) }),
      ),
      "search: part of a type": await timed(runs, () => listWebhooks(org, busiest, { q: "invoice" })),
      "response: 5xx": await timed(runs, () => listWebhooks(org, busiest, { response: "5xx" })),
      "count: failed (exact)": await timed(runs, () => countWebhooks(org, busiest, { status: "failed" })),
    };
    for (const [name, ms] of Object.entries(timings)) log(`${provider} log, ${name}: ${ms.toFixed(1)} ms`);
    return { provider, rows: Number(n), insertSeconds, timings };
  } finally {
    await closeDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await sql.close();
    await database.drop();
  }
}
