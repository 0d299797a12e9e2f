import type { Metadata } from "next";
import { headers } from "next/headers";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { SigningKeysSection } from "@/components/webhooks/signing-keys-section";
import { publicBaseUrl } from "@/lib/api/http";
import { requireMember } from "@/lib/tenancy/session";
import { endpointLimit, listEndpoints } from "@/lib/webhooks/endpoints";
import { eventTypeCatalogue } from "@/lib/webhooks/event-catalogue";
import { endpointsHealth24h } from "@/lib/webhooks/health";
import { signingKeyStatus } from "@/lib/webhooks/signing-key";
import { rotationOverlapHours } from "@/lib/webhooks/rotation-window";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const context = await requireMember((await params).organizationId);
  const [endpoints, catalogue, signingKey, requestHeaders] = await Promise.all([
    listEndpoints(context),
    eventTypeCatalogue(context),
    signingKeyStatus(),
    headers(),
  ]);
  // Every endpoint's last 24 hours in one grouped query, for the list's sparklines.
  const health = await endpointsHealth24h(
    context,
    endpoints.map((endpoint) => endpoint.id),
  );
  return (
    <div className="space-y-10">
      <EndpointList endpoints={endpoints} limit={endpointLimit()} eventTypes={catalogue} health={health} />
      <SigningKeysSection
        status={signingKey}
        apiUrl={publicBaseUrl(requestHeaders)}
        overlapHours={rotationOverlapHours()}
        canRotate={context.operator.isOwner}
      />
    </div>
  );
}
