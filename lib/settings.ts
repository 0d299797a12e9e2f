import { getDb } from "@/lib/db/client";

/**
 * Returns the installation-wide value under `key`, creating it with `make()` the first time.
 * Safe when several instances start together: the first insert wins and everyone reads it back.
 */
export async function getOrCreateSetting(key: string, make: () => string): Promise<string> {
  const db = getDb();
  const existing = await db.setting.findUnique({ where: { key } });
  if (existing) return existing.value;
  await db.setting.create({ data: { key, value: make() } }).catch(async (error: unknown) => {
    // Another instance inserted it first (unique violation): its value is the one to use.
    if (!(await db.setting.findUnique({ where: { key } }))) throw error;
  });
  return (await db.setting.findUniqueOrThrow({ where: { key } })).value;
}
