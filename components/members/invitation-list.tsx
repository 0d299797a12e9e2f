"use client";

import { useAction } from "@/components/hooks/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { revokeInvitationAction } from "@/lib/actions/revoke-invitation";
import type { PendingInvitation } from "@/lib/tenancy/invitations";

/** Invitations not yet used: when each expires, and Revoke (the link stops working at once). */
export function InvitationList({ invitations }: { invitations: PendingInvitation[] }) {
  const revoking = useAction(revokeInvitationAction, {
    errors: "toast",
    success: (revoked) => `Invitation for ${revoked.email} revoked.`,
  });
  // Rendered on the server per request: "now" is when the page was made, which is what its badges describe.
  // eslint-disable-next-line react-hooks/purity -- a page-render timestamp, not state
  const now = Date.now();
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
        Pending invitations
      </h2>
      <p className="mt-0.5 mb-4 text-sm text-slate-500">
        Links are shown once, when made. To send a lost link again, invite the same email: the old link stops working.
      </p>
      {invitations.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
          No pending invitations.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
          {invitations.map((invitation) => {
            const expired = new Date(invitation.expiresAt).getTime() <= now;
            return (
              <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-sm">
                <span className="min-w-0 font-medium break-all text-slate-900">{invitation.email}</span>
                <Badge tone="slate">{invitation.role === "admin" ? "Admin" : "Viewer"}</Badge>
                <span className="text-xs text-slate-500">
                  {expired ? (
                    <Badge tone="amber">Expired</Badge>
                  ) : (
                    <>
                      Expires <LocalTime value={invitation.expiresAt} />
                    </>
                  )}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  disabled={revoking.pending}
                  onClick={() => revoking.run({ invitationId: invitation.id })}
                  aria-label={`Revoke the invitation for ${invitation.email}`}
                >
                  Revoke
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
