import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrganizationList } from "@/components/organizations/organization-list";
import { requireOperator } from "@/lib/auth/session";
import { isOwner, organizationsForOwner } from "@/lib/tenancy/owner";

export const metadata: Metadata = { title: "Organizations" };
export const dynamic = "force-dynamic";

/** The installation owner's list of organizations; a 404 for everyone else. */
export default async function OrganizationsPage() {
  const operator = await requireOperator();
  if (!(await isOwner(operator.id))) notFound();
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-8 sm:py-8">
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Organizations</h1>
        <p className="mt-1 text-sm text-slate-500">
          One Hookline for your team and each of your customers. Only you, the installation&rsquo;s owner, see this
          page.
        </p>
      </header>
      <OrganizationList organizations={await organizationsForOwner()} />
    </div>
  );
}
