import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { ApiUsage } from "@/components/api-keys/api-usage";
import { publicBaseUrl } from "@/lib/api/http";
import { listApiKeys } from "@/lib/api/api-keys";
import { requireOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  await requireOperator();
  const [keys, requestHeaders] = await Promise.all([listApiKeys(), headers()]);
  return (
    <div className="space-y-10">
      <ApiKeyList keys={keys} />
      <ApiUsage baseUrl={publicBaseUrl(requestHeaders)} />
    </div>
  );
}
