import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { EndpointPage } from "@/components/webhooks/endpoint-page";
import { publicBaseUrl } from "@/lib/api/http";
import { requireMember } from "@/lib/tenancy/session";
import { endpointLogPage } from "@/lib/webhooks/endpoint-log-page";

export const metadata: Metadata = { title: "Webhook log" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ organizationId: string; endpointId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The endpoint's log: the first page (and the linked event, if any) rendered here, the rest fetched by the client. */
export default async function EndpointLogPage({ params, searchParams }: Props) {
  const [{ organizationId, endpointId }, search] = await Promise.all([params, searchParams]);
  const context = await requireMember(organizationId);
  const [data, requestHeaders] = await Promise.all([endpointLogPage(context, endpointId, search), headers()]);
  if (!data) notFound();
  return (
    <EndpointPage
      data={data}
      organizationId={context.organizationId}
      apiUrl={publicBaseUrl(requestHeaders)}
      operatorEmail={context.operator.email}
    />
  );
}
