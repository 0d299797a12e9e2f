"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { createFirstOperatorAction } from "@/lib/actions/create-first-operator";

export function SetupForm() {
  const router = useRouter();
  const { run, pending, error, fieldErrors } = useAction(createFirstOperatorAction, {
    // Signed in with what was just typed, and on to the dashboard (the refresh follows).
    onSuccess: async (_, input) => {
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      router.replace("/");
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Create the admin account</h1>
        <p className="mt-1 text-sm text-slate-500">
          This is the first visit: choose the email and password you will sign in with.
        </p>
      </div>
      <FormError message={error} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        error={fieldErrors.email?.[0]}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
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
        {pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}
