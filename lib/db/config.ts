import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export type DatabaseConfig =
  { provider: "sqlite"; url: string; filename: string } | { provider: "postgresql"; url: string };

/** The embedded default: a SQLite file under ./data, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/hookline.db";

/** Chooses the provider from DATABASE_URL: postgres(ql):// for PostgreSQL, file: (or unset) for SQLite. */
export function databaseConfig(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).split("?")[0];
    return {
      provider: "sqlite",
      url,
      filename: file === ":memory:" ? file : path.resolve(/*turbopackIgnore: true*/ file),
    };
  }
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL); got "${url.split(":")[0]}:..."`,
  );
}

/** The folder of versioned SQL migrations for a provider, in Prisma's layout. */
export function migrationsDir(provider: Provider): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.cwd(),
    provider === "postgresql" ? "prisma/migrations" : "prisma/sqlite/migrations",
  );
}
