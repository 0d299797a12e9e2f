"use client";

import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { acceptInvitationAction } from "@/lib/actions/accept-invitation";
import { acceptInvitationWithPasswordAction } from "@/lib/actions/accept-invitation-with-password";
import type { Role } from "@/lib/tenancy/context";
import { dashboardHref } from "@/lib/tenancy/hrefs";

type Invited = { organizationName: string; role: Role; email: string };

const asRole = (role: Role) => (role === "admin" ? "an admin" : "a viewer");

function Heading({ invited }: { invited: Invited }) {
  return (
    <div>
      <h1 className="text-lg font-semibold text-slate-900">Join {invited.organizationName}</h1>
      <p className="mt-1 text-sm text-slate-500">
        You are invited as {asRole(invited.role)}
        {invited.role === "viewer" ? ": you will see its endpoints and logs, and change nothing." : "."}
      </p>
    </div>
  );
}

/** Signed in: one button joins with this account (the link is the credential, whatever email it was sent to). */
export function JoinInvitation({
  token,
  invited,
  signedInAs,
}: {
  token: string;
  invited: Invited;
  signedInAs: string;
}) {
  const router = useRouter();
  const joining = useAction(acceptInvitationAction, {
    refresh: false,
    success: (joined) => `You joined ${joined.organizationName}.`,
    onSuccess: (joined) => router.replace(dashboardHref(joined.organizationId)),
  });
  return (
    <div className="space-y-5">
      <Heading invited={invited} />
      <FormError message={joining.error} />
      <p className="text-sm text-slate-600">
        You are signed in as <span className="font-medium text-slate-900">{signedInAs}</span>
        {signedInAs !== invited.email && <> (the invitation was made for {invited.email})</>}.
      </p>
      <Button className="w-full" onClick={() => joining.run({ token })} disabled={joining.pending}>
        {joining.pending ? "Joining…" : `Join ${invited.organizationName}`}
      </Button>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: `/invite/${token}` })}
        className="block w-full text-center text-sm text-slate-500 hover:text-slate-800"
      >
        Not you? Sign out
      </button>
    </div>
  );
}

/** Someone new: choose a password; the account is the invited email's, and it joins at once. */
export function AcceptInvitationForm({ token, invited }: { token: string; invited: Invited }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors } = useAction(acceptInvitationWithPasswordAction, {
    refresh: false,
    onSuccess: async (joined, input) => {
      const signedIn = await signIn("credentials", { email: joined.email, password: input.password, redirect: false });
      router.replace(signedIn?.ok && !signedIn.error ? dashboardHref(joined.organizationId) : "/login");
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run({ token, password: String(form.get("password") ?? ""), confirm: String(form.get("confirm") ?? "") });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <Heading invited={invited} />
      <FormError message={error} />
      <TextField label="Email" name="email" type="email" autoComplete="username" value={invited.email} readOnly />
      <TextField
        label="Choose a password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        hint="At least 12 characters."
        error={fieldErrors.password?.[0]}
      />
      <TextField
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrors.confirm?.[0]}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Create account and join"}
      </Button>
    </form>
  );
}
