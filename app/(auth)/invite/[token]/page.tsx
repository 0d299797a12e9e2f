import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm, JoinInvitation } from "@/components/members/accept-invitation";
import { getOperator } from "@/lib/auth/session";
import { viewInvitation } from "@/lib/tenancy/invitations";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const REFUSED = {
  invalid: {
    title: "This invitation link is not valid",
    body: "It may have been revoked, or replaced by a newer invitation. Ask an admin of the organization for a new link.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitation links work for 7 days. Ask an admin of the organization for a new link.",
  },
  used: {
    title: "This invitation has already been used",
    body: "Each link works once. If it was not you who used it, ask an admin of the organization for a new link.",
  },
} as const;

/** An invitation link: join as the signed-in operator, sign in first, or choose a password; or why it cannot be used. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, operator] = await Promise.all([viewInvitation(token), getOperator()]);
  if (invitation.status !== "valid") {
    const { title, body } = REFUSED[invitation.status];
    return (
      <div className="space-y-4">
        <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
        <p className="text-sm text-slate-600">{body}</p>
        <Link href="/login" className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </div>
    );
  }
  const invited = { organizationName: invitation.organizationName, role: invitation.role, email: invitation.email };
  if (operator) return <JoinInvitation token={token} invited={invited} signedInAs={operator.email} />;
  if (invitation.hasAccount) {
    return (
      <div className="space-y-4">
        <h1 className="text-lg font-semibold text-slate-900">Join {invitation.organizationName}</h1>
        <p className="text-sm text-slate-600">
          You are invited as {invitation.role === "admin" ? "an admin" : "a viewer"}. {invitation.email} already has a
          Hookline account: sign in to join.
        </p>
        <Link
          href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
          className="inline-flex h-10 w-full items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Sign in to join
        </Link>
      </div>
    );
  }
  return <AcceptInvitationForm token={token} invited={invited} />;
}
