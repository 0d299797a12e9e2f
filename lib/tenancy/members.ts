// An organization's members: who they are, their roles, and the rule that an organization always keeps an admin.
import { z } from "zod";
import { dbProvider, getDb, type Db } from "@/lib/db/client";
import { queryRows, statement } from "@/lib/db/sql";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { idSchema } from "@/lib/webhooks/schemas";
import { ROLES, requireRole, type OrgContext, type Role } from "./context";

export const roleSchema = z.enum(ROLES, { message: "Choose admin or viewer." });

export const changeMemberRoleSchema = z.strictObject({ operatorId: idSchema, role: roleSchema });
export const removeMemberSchema = z.strictObject({ operatorId: idSchema });

/** One row of the Members page. */
export type Member = { operatorId: string; email: string; role: Role; since: Date; isOwner: boolean };

const NOT_A_MEMBER = "This person is not a member of this organization.";
const LAST_ADMIN = "An organization needs at least one admin. Make someone else an admin first.";

/** The organization's members by email; any member may read the list. */
export async function listMembers(context: OrgContext, db: Db = getDb()): Promise<Member[]> {
  requireRole(context, "viewer");
  const rows = await db.membership.findMany({
    where: { organizationId: context.organizationId },
    select: { role: true, createdAt: true, operator: { select: { id: true, email: true, isOwner: true } } },
    orderBy: { operator: { email: "asc" } },
  });
  return rows.map((row) => ({
    operatorId: row.operator.id,
    email: row.operator.email,
    role: row.role === "admin" ? "admin" : "viewer",
    since: row.createdAt,
    isOwner: row.operator.isOwner,
  }));
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// PostgreSQL only: SQLite has no row locks.
const LOCK_ORGANIZATION = statement<{ organizationId: string }>(
  `SELECT 1 FROM "organizations" WHERE "id" = :organizationId FOR UPDATE`,
);

/**
 * Runs `change` with the organization's membership rows held still: on PostgreSQL the organization's row is locked
 * for the transaction, so two admins demoting each other at once are checked one after the other (SQLite runs one
 * write transaction at a time). `change` then counts the admins that remain and refuses to leave none.
 */
async function withMembersLocked<T>(organizationId: string, db: Db, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (dbProvider() === "postgresql") {
      await queryRows(tx, LOCK_ORGANIZATION, { organizationId });
    }
    return change(tx);
  });
}

async function membershipOf(tx: Tx, organizationId: string, operatorId: string) {
  const membership = await tx.membership.findUnique({
    where: { organizationId_operatorId: { organizationId, operatorId } },
    select: { role: true },
  });
  if (!membership) throw new AppError(AppErrorCode.NotFound, NOT_A_MEMBER);
  return membership;
}

async function otherAdmins(tx: Tx, organizationId: string, operatorId: string): Promise<number> {
  return tx.membership.count({ where: { organizationId, role: "admin", operatorId: { not: operatorId } } });
}

/** An admin changes a member's role (their own too); the last admin cannot become a viewer. */
export async function changeMemberRole(
  context: OrgContext,
  input: z.input<typeof changeMemberRoleSchema>,
  db: Db = getDb(),
): Promise<Member> {
  requireRole(context, "admin");
  const { operatorId, role } = parseInput(changeMemberRoleSchema, input);
  const { organizationId } = context;
  await withMembersLocked(organizationId, db, async (tx) => {
    const membership = await membershipOf(tx, organizationId, operatorId);
    if (membership.role === role) return;
    if (role !== "admin" && (await otherAdmins(tx, organizationId, operatorId)) === 0) {
      throw new AppError(AppErrorCode.Conflict, LAST_ADMIN);
    }
    await tx.membership.update({
      where: { organizationId_operatorId: { organizationId, operatorId } },
      data: { role },
    });
  });
  return memberOf(organizationId, operatorId, db);
}

/**
 * An admin removes a member, or any member leaves (`operatorId` is their own): the last admin can do neither.
 * The removed operator keeps their account and their other organizations.
 */
export async function removeMember(
  context: OrgContext,
  input: z.input<typeof removeMemberSchema>,
  db: Db = getDb(),
): Promise<{ operatorId: string; email: string }> {
  const { operatorId } = parseInput(removeMemberSchema, input);
  const leaving = context.via === "member" && context.operator?.id === operatorId;
  requireRole(context, leaving ? "viewer" : "admin");
  const { organizationId } = context;
  const removed = await memberOf(organizationId, operatorId, db);
  await withMembersLocked(organizationId, db, async (tx) => {
    const membership = await membershipOf(tx, organizationId, operatorId);
    if (membership.role === "admin" && (await otherAdmins(tx, organizationId, operatorId)) === 0) {
      throw new AppError(
        AppErrorCode.Conflict,
        leaving ? "You are this organization's last admin. Make someone else an admin before leaving." : LAST_ADMIN,
      );
    }
    await tx.membership.delete({ where: { organizationId_operatorId: { organizationId, operatorId } } });
  });
  return { operatorId, email: removed.email };
}

async function memberOf(organizationId: string, operatorId: string, db: Db): Promise<Member> {
  const row = await db.membership.findUnique({
    where: { organizationId_operatorId: { organizationId, operatorId } },
    select: { role: true, createdAt: true, operator: { select: { email: true, isOwner: true } } },
  });
  if (!row) throw new AppError(AppErrorCode.NotFound, NOT_A_MEMBER);
  return {
    operatorId,
    email: row.operator.email,
    role: row.role === "admin" ? "admin" : "viewer",
    since: row.createdAt,
    isOwner: row.operator.isOwner,
  };
}
