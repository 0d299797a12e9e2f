import type { Metadata } from "next";
import { ChangePasswordForm, SignOutEverywhere } from "@/components/auth/account-settings";
import { requireOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const operator = await requireOperator();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6 sm:px-8 sm:py-8">
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Account</h1>
        <p className="mt-1 text-sm text-slate-500">
          Signed in as <span className="font-medium text-slate-700">{operator.email}</span>
        </p>
      </header>
      <div className="space-y-10">
        <ChangePasswordForm email={operator.email} />
        <SignOutEverywhere />
      </div>
    </div>
  );
}
