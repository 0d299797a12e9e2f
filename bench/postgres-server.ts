import pg from "pg";
import { TEST_PG_SERVER } from "@/lib/test/db";

/** "PostgreSQL 15.19 at 127.0.0.1:5432: autovacuum off, shared_buffers 128MB, synchronous_commit on" */
export async function describePostgres(): Promise<string> {
  const client = new pg.Client({ connectionString: TEST_PG_SERVER });
  await client.connect();
  try {
    const settings = ["server_version", "autovacuum", "shared_buffers", "synchronous_commit"];
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)`,
      [settings],
    );
    const value = (name: string) => rows.find((r) => r.name === name)?.setting ?? "?";
    const server = new URL(TEST_PG_SERVER);
    return `PostgreSQL ${value("server_version").split(" ")[0]} at ${server.host}: autovacuum ${value("autovacuum")}, shared_buffers ${value("shared_buffers")}, synchronous_commit ${value("synchronous_commit")}`;
  } finally {
    await client.end();
  }
}
