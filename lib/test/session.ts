// A signed-in operator for tests, without a browser. A test file replaces next-auth with this module:
//   vi.mock("next-auth", () => import("@/lib/test/session"));
// and the rest of lib/auth/session.ts runs for real, down to the check that the operator still exists.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { SessionOperator } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { DEFAULT_ORGANIZATION_ID, type Role } from "@/lib/tenancy/context";
import { resetDb, setupTestDb } from "./db";

// A fixed secret: otherwise the session options would store a generated one in `settings` mid-test.
process.env.NEXTAUTH_SECRET ??= "test-only-session-secret";

let current: { user: { id: string; email: string; sv: number } } | null = null;

/** Stands in for next-auth's: the session of the operator signed in with `signIn`, or null. */
export async function getServerSession(): Promise<typeof current> {
  return current;
}

/**
 * Signs in as the operator with this email, creating its row if needed, a member of `organizationId` (the Default
 * organization unless said) with `role` (admin unless said); `role: null` leaves its memberships as they are.
 */
export async function signIn(
  db: Db,
  email = "ops@example.com",
  { organizationId = DEFAULT_ORGANIZATION_ID, role = "admin" }: { organizationId?: string; role?: Role | null } = {},
): Promise<SessionOperator> {
  const operator = await db.operator.upsert({
    where: { email },
    create: { email, passwordHash: "not used" },
    update: {},
    select: { id: true, email: true, sessionVersion: true },
  });
  if (role)
    await db.membership.upsert({
      where: { organizationId_operatorId: { organizationId, operatorId: operator.id } },
      create: { organizationId, operatorId: operator.id, role },
      update: { role },
    });
  // The session carries the version it began with: a later password change or "sign out everywhere" ends it.
  current = { user: { id: operator.id, email: operator.email, sv: operator.sessionVersion } };
  return { id: operator.id, email: operator.email };
}

export function signOut(): void {
  current = null;
}

/** A database for this test file (`use` receives it), emptied before each test, with ops@example.com signed in. */
export function signedInTestDb(use?: (db: Db) => void): void {
  let teardown: () => Promise<void>;
  let db: Db;
  beforeAll(async () => {
    ({ db, teardown } = await setupTestDb());
    use?.(db);
  });
  afterAll(() => teardown());
  beforeEach(async () => {
    await resetDb(db);
    await signIn(db);
  });
}
