import { SkipLink } from "@/components/layout/skip-link";
import { Sidebar } from "@/components/layout/sidebar";
import { requireOperator } from "@/lib/auth/session";
import { homeOrganization } from "@/lib/tenancy/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const operator = await requireOperator();
  const home = await homeOrganization(operator.id);
  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <SkipLink />
      <Sidebar email={operator.email} homeOrganizationId={home} />
      <main id="content" className="min-w-0 flex-1 bg-white focus:outline-none">
        {children}
      </main>
    </div>
  );
}
