import { redirect } from "next/navigation";
import { requireOperator } from "@/lib/auth/session";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { homeOrganization } from "@/lib/tenancy/session";

export const dynamic = "force-dynamic";

/** The operator's organization (the Default one when they are in it), or a word that they are in none yet. */
export default async function Home() {
  const operator = await requireOperator();
  const organizationId = await homeOrganization(operator.id);
  if (organizationId) redirect(dashboardHref(organizationId));
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center sm:px-8">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">You are not in any organization yet</h1>
      <p className="mt-2 text-sm text-slate-500">
        Ask an admin of your organization for an invitation link, or the installation&apos;s owner to add you.
      </p>
    </div>
  );
}
