// Invitations: an admin makes a one-time link (no mail server needed); whoever opens it joins with the invited role.
// The link is the credential, as in Lago and Svix: only its SHA-256 is stored, it lasts 7 days and works once.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, passwordSchema } from "@/lib/auth/schemas";
import { getDb, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { idSchema } from "@/lib/webhooks/schemas";
import { requireRole, type OrgContext, type Role } from "./context";
import { roleSchema } from "./members";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const createInvitationSchema = z.strictObject({ email: emailSchema, role: roleSchema });
export const revokeInvitationSchema = z.strictObject({ invitationId: idSchema });
/** 32 random bytes in base64url are 43 characters; anything else is no token of ours. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid.");
export const acceptInvitationSchema = z.strictObject({ token: invitationTokenSchema });
export const acceptWithPasswordSchema = z
  .strictObject({ token: invitationTokenSchema, password: passwordSchema, confirm: z.string() })
  .refine((input) => input.password === input.confirm, { message: "The passwords do not match.", path: ["confirm"] });

/** A pending invitation as the Members page lists it (never its token). */
export type PendingInvitation = { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date };

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const asRole = (role: string): Role => (role === "admin" ? "admin" : "viewer");

/** Invitations not yet accepted, newest first; expired ones too (the page marks them), so an admin can re-invite. */
export async function listInvitations(context: OrgContext, db: Db = getDb()): Promise<PendingInvitation[]> {
  requireRole(context, "admin");
  const rows = await db.invitation.findMany({
    where: { organizationId: context.organizationId, acceptedAt: null },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return rows.map((row) => ({ ...row, role: asRole(row.role) }));
}

/**
 * An admin invites `email` as `role`: the returned `token` is the only time it exists outside the caller's hands.
 * Inviting an email again replaces its pending invitation (the old link stops working); a member is not invited.
 */
export async function createInvitation(
  context: OrgContext,
  input: z.input<typeof createInvitationSchema>,
  db: Db = getDb(),
  now = new Date(),
): Promise<{ invitation: PendingInvitation; token: string }> {
  requireRole(context, "admin");
  const { email, role } = parseInput(createInvitationSchema, input);
  const { organizationId } = context;
  const member = await db.membership.findFirst({
    where: { organizationId, operator: { email } },
    select: { operatorId: true },
  });
  if (member) {
    throw new AppError(AppErrorCode.Conflict, `${email} is already a member of this organization.`, {
      fieldErrors: { email: ["Already a member of this organization."] },
    });
  }
  const token = randomBytes(32).toString("base64url");
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.deleteMany({ where: { organizationId, email, acceptedAt: null } });
    return tx.invitation.create({
      data: {
        organizationId,
        email,
        role,
        tokenHash: hashInvitationToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        invitedById: context.operator?.id ?? null,
      },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    });
  });
  return { invitation: { ...invitation, role }, token };
}

/** An admin revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(
  context: OrgContext,
  input: z.input<typeof revokeInvitationSchema>,
  db: Db = getDb(),
): Promise<{ id: string; email: string }> {
  requireRole(context, "admin");
  const { invitationId } = parseInput(revokeInvitationSchema, input);
  const invitation = await db.invitation.findFirst({
    where: { id: invitationId, organizationId: context.organizationId, acceptedAt: null },
    select: { id: true, email: true },
  });
  if (!invitation) throw new AppError(AppErrorCode.NotFound, "This invitation does not exist or was already used.");
  await db.invitation.deleteMany({ where: { id: invitation.id, acceptedAt: null } });
  return invitation;
}

/** What an invitation link shows: who invited whom to what, or why the link grants nothing. */
export type InvitationView =
  | {
      status: "valid";
      organizationId: string;
      organizationName: string;
      email: string;
      role: Role;
      expiresAt: Date;
      /** An operator with the invited email exists: they sign in instead of choosing a password. */
      hasAccount: boolean;
    }
  | { status: "expired" | "used" | "invalid" };

/** Reads a link without using it. A revoked or replaced invitation is gone, so its link is "invalid". */
export async function viewInvitation(token: string, db: Db = getDb(), now = new Date()): Promise<InvitationView> {
  if (!invitationTokenSchema.safeParse(token).success) return { status: "invalid" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      organization: { select: { id: true, name: true } },
    },
  });
  if (!invitation) return { status: "invalid" };
  if (invitation.acceptedAt) return { status: "used" };
  if (invitation.expiresAt <= now) return { status: "expired" };
  const account = await db.operator.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    status: "valid",
    organizationId: invitation.organization.id,
    organizationName: invitation.organization.name,
    email: invitation.email,
    role: asRole(invitation.role),
    expiresAt: invitation.expiresAt,
    hasAccount: account !== null,
  };
}

const UNUSABLE: Record<Exclude<InvitationView["status"], "valid">, string> = {
  invalid: "This invitation link is not valid. It may have been revoked or replaced by a newer one.",
  expired: "This invitation has expired. Ask an admin of the organization for a new link.",
  used: "This invitation has already been used. Ask an admin of the organization for a new link.",
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Uses the invitation once: a conditional update marks it accepted only if nobody did before and it has not
 * expired, so two people opening the same link at once cannot both join. Returns the invitation.
 */
async function consume(tx: Tx, token: string, now: Date) {
  const tokenHash = hashInvitationToken(token);
  const used = await tx.invitation.updateMany({
    where: { tokenHash, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (used.count !== 1) {
    const view = await viewInvitation(token, tx as Db, now);
    throw new AppError(
      view.status === "invalid" ? AppErrorCode.NotFound : AppErrorCode.Conflict,
      UNUSABLE[view.status === "valid" ? "used" : view.status],
    );
  }
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { tokenHash },
    select: { organizationId: true, email: true, role: true, organization: { select: { name: true } } },
  });
  return { ...invitation, role: asRole(invitation.role) };
}

export type Joined = { organizationId: string; organizationName: string; role: Role };

/**
 * A signed-in operator joins with the link, whatever email the invitation named (Lago and Svix do the same: the
 * link is the credential). Someone already a member keeps their role; the link is used up either way.
 */
export async function acceptInvitation(
  operator: { id: string },
  input: z.input<typeof acceptInvitationSchema>,
  db: Db = getDb(),
  now = new Date(),
): Promise<Joined> {
  const { token } = parseInput(acceptInvitationSchema, input);
  return db.$transaction(async (tx) => {
    const invitation = await consume(tx, token, now);
    const key = { organizationId: invitation.organizationId, operatorId: operator.id };
    const existing = await tx.membership.findUnique({
      where: { organizationId_operatorId: key },
      select: { role: true },
    });
    if (!existing) await tx.membership.create({ data: { ...key, role: invitation.role } });
    return {
      organizationId: invitation.organizationId,
      organizationName: invitation.organization.name,
      role: existing ? asRole(existing.role) : invitation.role,
    };
  });
}

/**
 * Someone new opens the link and chooses a password: an operator is created with the invited email and joins.
 * If that email already has an account, they must sign in instead (nothing is changed).
 */
export async function acceptInvitationWithPassword(
  input: z.input<typeof acceptWithPasswordSchema>,
  db: Db = getDb(),
  now = new Date(),
): Promise<Joined & { email: string }> {
  const { token, password } = parseInput(acceptWithPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const invitation = await consume(tx, token, now);
      await tx.operator.create({
        data: {
          email: invitation.email,
          passwordHash,
          memberships: { create: { organizationId: invitation.organizationId, role: invitation.role } },
        },
      });
      return {
        organizationId: invitation.organizationId,
        organizationName: invitation.organization.name,
        role: invitation.role,
        email: invitation.email,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(AppErrorCode.Conflict, "An account with this email already exists. Sign in to join.");
    }
    throw error;
  }
}
