import path from "node:path";
import { defineConfig } from "prisma/config";

// `prisma generate` needs no schema engine, but the CLI insists on finding one; offline it cannot be
// downloaded, so point it at any existing file. Where a real engine is installed, it is used instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

const isSqlite = !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

export default defineConfig({
  schema: isSqlite ? "prisma/sqlite/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isSqlite ? "prisma/sqlite/migrations" : "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/hookline.db" },
});
