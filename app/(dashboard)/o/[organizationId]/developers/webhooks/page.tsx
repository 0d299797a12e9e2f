import type { Metadata } from "next";
import { headers } from "next/headers";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { SigningKeysSection } from "@/components/webhooks/signing-keys-section";
import { publicBaseUrl } from "@/lib/api/http";
import { requireMember } from "@/lib/tenancy/session";
import { endpointListPage } from "@/lib/webhooks/endpoint-list-page";
import { signingKeyStatus } from "@/lib/webhooks/signing-key";
import { rotationOverlapHours } from "@/lib/webhooks/rotation-window";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const context = await requireMember((await params).organizationId);
  const [list, signingKey, requestHeaders] = await Promise.all([
    endpointListPage(context),
    signingKeyStatus(),
    headers(),
  ]);
  return (
    <div className="space-y-10">
      <EndpointList {...list} />
      <SigningKeysSection
        status={signingKey}
        apiUrl={publicBaseUrl(requestHeaders)}
        overlapHours={rotationOverlapHours()}
        canRotate={context.operator.isOwner}
      />
    </div>
  );
}
