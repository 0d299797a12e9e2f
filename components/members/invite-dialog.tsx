"use client";

import { useId, useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { createInvitationAction } from "@/lib/actions/create-invitation";
import type { Role } from "@/lib/tenancy/context";

const ROLE_CHOICES: { value: Role; label: string; hint: string }[] = [
  { value: "viewer", label: "Viewer", hint: "Reads endpoints, logs, event details and health; changes nothing." },
  { value: "admin", label: "Admin", hint: "Everything here: endpoints, retries, secrets, API keys and members." },
];

/** Email and role, then the one-time link to copy (no mail is sent: Hookline keeps only the link's hash). */
export function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const inviting = useAction(createInvitationAction, {
    onSuccess: ({ invitation, url }) => setLink({ email: invitation.email, url }),
  });
  const { error, fieldErrors, pending } = inviting;
  const roleLegend = useId();

  function close() {
    // The link leaves memory with the dialog.
    setLink(null);
    inviting.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    inviting.run({ email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "viewer") as Role });
  }

  if (link) {
    return (
      <Dialog open={open} onClose={close} title="Invitation link" description={`Send this link to ${link.email}.`}>
        <OneTimeSecret
          id="invite-link"
          label="Invitation link"
          value={link.url}
          copyLabel="Copy invitation link"
          warning={`Copy it now: it is shown once. It works once, for 7 days, for whoever opens it, so send it only to ${link.email}.`}
          doneLabel="Done"
          onDone={close}
        />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite a member"
      description="Hookline makes a link for you to send; no email is sent."
    >
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          placeholder="teammate@example.com"
          required
          autoFocus
          error={fieldErrors.email?.[0]}
        />
        <fieldset aria-describedby={fieldErrors.role ? `${roleLegend}-error` : undefined}>
          <legend id={roleLegend} className="mb-1.5 block text-sm font-medium text-slate-800">
            Role
          </legend>
          <div className="space-y-2">
            {ROLE_CHOICES.map((choice, index) => (
              <label
                key={choice.value}
                className="flex cursor-pointer gap-3 rounded-lg px-3 py-2.5 ring-1 ring-slate-200 has-[:checked]:ring-2 has-[:checked]:ring-brand-500"
              >
                <input
                  type="radio"
                  name="role"
                  value={choice.value}
                  defaultChecked={index === 0}
                  className="mt-0.5 accent-brand-600"
                />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{choice.label}</span>
                  <span className="block text-xs text-slate-500">{choice.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {fieldErrors.role && (
            <p id={`${roleLegend}-error`} className="mt-1.5 text-xs font-medium text-red-600">
              {fieldErrors.role[0]}
            </p>
          )}
        </fieldset>
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating link…" : "Create invitation link"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
