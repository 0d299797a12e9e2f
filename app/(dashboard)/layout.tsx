import { Sidebar } from "@/components/layout/sidebar";
import { requireOperator } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const operator = await requireOperator();
  return (
    <div className="flex min-h-screen">
      <Sidebar email={operator.email} />
      <main className="min-w-0 flex-1 bg-white">{children}</main>
    </div>
  );
}
