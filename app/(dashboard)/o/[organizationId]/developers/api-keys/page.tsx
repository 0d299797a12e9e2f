import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { ApiUsage } from "@/components/api-keys/api-usage";
import { publicBaseUrl } from "@/lib/api/http";
import { INSTALLATION, listApiKeys } from "@/lib/api/api-keys";
import { requireMember } from "@/lib/tenancy/session";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ organizationId: string }> };

/** The organization's API keys; the installation's owner also manages the installation keys (the platform API). */
export default async function ApiKeysPage({ params }: Props) {
  const context = await requireMember((await params).organizationId);
  const owner = context.operator.isOwner;
  const [keys, installationKeys, requestHeaders] = await Promise.all([
    listApiKeys(context),
    owner ? listApiKeys(INSTALLATION) : null,
    headers(),
  ]);
  return (
    <div className="space-y-10">
      <ApiKeyList keys={keys} />
      {installationKeys && <ApiKeyList keys={installationKeys} installation />}
      <ApiUsage baseUrl={publicBaseUrl(requestHeaders)} />
    </div>
  );
}
