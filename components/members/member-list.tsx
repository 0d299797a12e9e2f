"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { FormError, inputClass } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { changeMemberRoleAction } from "@/lib/actions/change-member-role";
import { removeMemberAction } from "@/lib/actions/remove-member";
import type { Role } from "@/lib/tenancy/context";
import type { PendingInvitation } from "@/lib/tenancy/invitations";
import type { Member } from "@/lib/tenancy/members";
import { InvitationList } from "./invitation-list";
import { InviteDialog } from "./invite-dialog";

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", viewer: "Viewer" };
export const ROLE_HINTS: Record<Role, string> = {
  admin: "Everything in this organization: endpoints, retries, secrets, API keys and members.",
  viewer: "Reads endpoints, logs, event details and health; changes nothing.",
};

/**
 * The Members page: who belongs to the organization and with what role. Admins invite, change roles and remove;
 * viewers read. Anyone may leave (the last admin cannot).
 */
export function MemberList({
  members,
  invitations,
  canManage,
  currentOperatorId,
}: {
  members: Member[];
  invitations: PendingInvitation[];
  canManage: boolean;
  currentOperatorId: string;
}) {
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const changing = useAction(changeMemberRoleAction, {
    errors: "toast",
    success: (member) => `${member.email} is now ${member.role === "admin" ? "an admin" : "a viewer"}.`,
  });
  return (
    <div className="space-y-10">
      <section aria-labelledby="members-heading">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id="members-heading" className="text-base font-semibold text-slate-900">
              Members
            </h2>
            <p className="mt-0.5 text-sm text-slate-500">
              {canManage
                ? "Invite people with a link, and choose what each one may do here."
                : "The people in this organization. Only an admin can invite or change roles."}
            </p>
          </div>
          {canManage && (
            <Button onClick={() => setInviting(true)}>
              <PlusIcon />
              Invite member
            </Button>
          )}
        </div>
        <div className="overflow-hidden rounded-xl ring-1 ring-slate-200">
          <table className="w-full text-left text-sm max-md:block">
            <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500 max-md:sr-only">
              <tr>
                <th scope="col" className="px-4 py-2.5">
                  Email
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Role
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Member since
                </th>
                <th scope="col" className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 max-md:block">
              {members.map((member) => {
                const you = member.operatorId === currentOperatorId;
                return (
                  <tr
                    key={member.operatorId}
                    className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-2 max-md:px-4 max-md:py-3"
                  >
                    <td className="px-4 py-3 font-medium break-all text-slate-900 max-md:basis-full max-md:p-0">
                      {member.email}
                      {you && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
                      {member.isOwner && (
                        <Badge tone="blue" className="ml-2">
                          Owner
                        </Badge>
                      )}
                    </td>
                    <td className="px-4 py-3 max-md:p-0">
                      {canManage ? (
                        <select
                          aria-label={`Role of ${member.email}`}
                          value={member.role}
                          disabled={changing.pending}
                          onChange={(event) =>
                            changing.run({ operatorId: member.operatorId, role: event.target.value as Role })
                          }
                          className={cn(inputClass, "h-8 w-28 py-1")}
                        >
                          <option value="admin">{ROLE_LABELS.admin}</option>
                          <option value="viewer">{ROLE_LABELS.viewer}</option>
                        </select>
                      ) : (
                        <Badge tone={member.role === "admin" ? "green" : "slate"}>{ROLE_LABELS[member.role]}</Badge>
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-600 max-md:p-0 max-md:text-xs">
                      <span className="md:hidden">Since </span>
                      <LocalTime value={member.since} format="date" />
                    </td>
                    <td className="px-4 py-3 text-right max-md:ml-auto max-md:p-0">
                      {(canManage || you) && (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setRemoving(member)}
                          aria-label={you ? "Leave this organization" : `Remove ${member.email}`}
                        >
                          {you ? "Leave" : "Remove"}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="mt-3 text-xs text-slate-500">
          Admin: {ROLE_HINTS.admin} Viewer: {ROLE_HINTS.viewer}
        </p>
      </section>

      {canManage && <InvitationList invitations={invitations} />}

      {canManage && <InviteDialog open={inviting} onClose={() => setInviting(false)} />}
      <RemoveMemberDialog
        member={removing}
        you={removing?.operatorId === currentOperatorId}
        onClose={() => setRemoving(null)}
      />
    </div>
  );
}

function RemoveMemberDialog({ member, you, onClose }: { member: Member | null; you: boolean; onClose: () => void }) {
  const router = useRouter();
  const removing = useAction(removeMemberAction, {
    success: (removed) => (you ? "You left the organization." : `${removed.email} was removed.`),
    onSuccess: () => {
      close();
      // Leaving: this organization's pages are no longer ours.
      if (you) router.replace("/");
    },
  });
  function close() {
    removing.reset();
    onClose();
  }
  return (
    <Dialog
      open={member !== null}
      onClose={close}
      title={you ? "Leave this organization?" : `Remove ${member?.email ?? ""}?`}
    >
      <div className="space-y-5">
        <FormError message={removing.error} />
        <p className="text-sm text-slate-600">
          {you
            ? "You will no longer see its endpoints and logs. An admin can invite you again."
            : "They will no longer see this organization. Their account and their other organizations stay as they are."}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={removing.pending}
            onClick={() => member && removing.run({ operatorId: member.operatorId })}
          >
            {removing.pending ? "Removing…" : you ? "Leave" : "Remove member"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
