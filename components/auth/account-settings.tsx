"use client";

import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { changePasswordAction } from "@/lib/actions/change-password";
import { signOutEverywhereAction } from "@/lib/actions/sign-out-everywhere";

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-xl p-6 ring-1 ring-slate-200">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-500">{description}</p>
      <div className="mt-5">{children}</div>
    </section>
  );
}

/** Changing the password ends every session; this browser signs in again with the new password at once. */
export function ChangePasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  // Every session ended with the change: this browser signs in again with the new password, then the page refreshes.
  const { run, pending, error, fieldErrors } = useAction(changePasswordAction, {
    refresh: false,
    onSuccess: async (_, input) => {
      formRef.current?.reset();
      const renewed = await signIn("credentials", { email, password: input.password, redirect: false });
      if (!renewed?.ok || renewed.error) return router.replace("/login");
      toast.success("Password changed. Your other sessions have ended.");
      router.refresh();
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    run({
      current: String(data.get("current") ?? ""),
      password: String(data.get("password") ?? ""),
      confirm: String(data.get("confirm") ?? ""),
    });
  }

  return (
    <Section title="Change password" description="Signs you out on every other device.">
      <form ref={formRef} onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
        <FormError message={error} />
        <TextField
          label="Current password"
          name="current"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.current?.[0]}
        />
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters."
          error={fieldErrors.password?.[0]}
        />
        <TextField
          label="Confirm new password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={fieldErrors.confirm?.[0]}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Section>
  );
}

/** Ends every session of this account, on every device, this one included. */
export function SignOutEverywhere() {
  const { run, pending, error } = useAction(signOutEverywhereAction, {
    refresh: false,
    onSuccess: () => signOut({ callbackUrl: "/login" }),
  });

  function onClick() {
    run({});
  }

  return (
    <Section
      title="Sessions"
      description="Signing out, here or on any device, ends every session of this account. Use this if you signed in on a computer you no longer trust."
    >
      <div className="space-y-4">
        <FormError message={error} />
        <Button variant="secondary" onClick={onClick} disabled={pending}>
          {pending ? "Signing out…" : "Sign out everywhere"}
        </Button>
      </div>
    </Section>
  );
}
