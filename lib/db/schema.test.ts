import fs from "node:fs";
import { describe, expect, it } from "vitest";

/** Everything after the datasource block: the models, which must be the same for both providers. */
function models(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf("}", text.indexOf("datasource db")) + 1;
  return text.slice(start).trim();
}

describe("prisma schemas", () => {
  it("declare identical models for PostgreSQL and SQLite", () => {
    const postgres = models("prisma/schema.prisma");
    expect(postgres).toContain("model Webhook {");
    expect(models("prisma/sqlite/schema.prisma")).toBe(postgres);
  });

  it("each declare their own provider", () => {
    expect(fs.readFileSync("prisma/schema.prisma", "utf8")).toMatch(/provider = "postgresql"/);
    expect(fs.readFileSync("prisma/sqlite/schema.prisma", "utf8")).toMatch(/provider = "sqlite"/);
  });

  it("have one migration folder per provider with the same migration names", () => {
    const names = (dir: string) =>
      fs
        .readdirSync(dir)
        .filter((n) => /^\d{14}_/.test(n))
        .sort();
    expect(names("prisma/migrations").length).toBeGreaterThan(0);
    expect(names("prisma/sqlite/migrations")).toEqual(names("prisma/migrations"));
  });
});
