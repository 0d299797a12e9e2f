import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReference } from "@/components/api-reference/api-reference";
import { asServed } from "@/components/api-reference/model";
import { publicBaseUrl } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { requireMember } from "@/lib/tenancy/session";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

export default async function ApiReferencePage({ params }: { params: Promise<{ organizationId: string }> }) {
  const context = await requireMember((await params).organizationId);
  const baseUrl = publicBaseUrl(await headers());
  return (
    <ApiReference
      document={asServed(openApiDocument(baseUrl))}
      documentUrl={`${baseUrl}/api/v1/openapi.json`}
      apiKeysHref={dashboardHref(context.organizationId, "/developers/api-keys")}
    />
  );
}
