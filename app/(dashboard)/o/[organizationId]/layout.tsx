import { OrganizationProvider } from "@/components/layout/organization";
import { requireMember } from "@/lib/tenancy/session";

export const dynamic = "force-dynamic";

/** Every page under /o/<organizationId> is that organization's: members only (anyone else gets the 404 page). */
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ organizationId: string }>;
}) {
  const context = await requireMember((await params).organizationId);
  return (
    <OrganizationProvider
      organization={{ id: context.organizationId, role: context.role, isOwner: context.operator.isOwner }}
    >
      {children}
    </OrganizationProvider>
  );
}
