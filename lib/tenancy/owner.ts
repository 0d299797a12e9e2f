// The installation's owner (the first operator): creates organizations and changes any of them.
import { getDb, type Db } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";

export async function isOwner(operatorId: string, db: Db = getDb()): Promise<boolean> {
  const operator = await db.operator.findUnique({ where: { id: operatorId }, select: { isOwner: true } });
  return operator?.isOwner === true;
}

/** Refuses anyone but the owner, as if the page or action did not exist (the Organizations page is a 404 to others). */
export async function requireOwner(operator: { id: string }, db: Db = getDb()): Promise<void> {
  if (!(await isOwner(operator.id, db))) throw new AppError(AppErrorCode.NotFound, "This page does not exist.");
}

/** Every organization with its member count, oldest first, for the owner's Organizations page. */
export async function organizationsForOwner(db: Db = getDb()) {
  const rows = await db.organization.findMany({
    select: {
      id: true,
      name: true,
      externalId: true,
      portalName: true,
      portalAccentColor: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
  });
  return rows.map(({ _count, ...organization }) => ({ ...organization, members: _count.memberships }));
}
