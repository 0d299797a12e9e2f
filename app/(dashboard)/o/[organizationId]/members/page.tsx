import type { Metadata } from "next";
import { MemberList } from "@/components/members/member-list";
import { roleAllows } from "@/lib/tenancy/context";
import { listInvitations } from "@/lib/tenancy/invitations";
import { listMembers } from "@/lib/tenancy/members";
import { requireMember } from "@/lib/tenancy/session";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

/** An organization's members: any member reads the list; admins invite, change roles and remove. */
export default async function MembersPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const context = await requireMember((await params).organizationId);
  const canManage = roleAllows(context.role, "admin");
  const [members, invitations] = await Promise.all([
    listMembers(context),
    canManage ? listInvitations(context) : Promise.resolve([]),
  ]);
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-8 sm:py-8">
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Members</h1>
        <p className="mt-1 text-sm text-slate-500">
          {context.operator.isOwner && !members.some((member) => member.operatorId === context.operator.id)
            ? "You are not a member here: as the installation's owner you enter every organization as an admin."
            : "Who can see and change this organization's webhooks."}
        </p>
      </header>
      <MemberList
        members={members}
        invitations={invitations}
        canManage={canManage}
        currentOperatorId={context.operator.id}
      />
    </div>
  );
}
