import type { Metadata } from "next";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { requireOperator } from "@/lib/auth/session";
import { endpointLimit, listEndpoints } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  await requireOperator();
  const endpoints = await listEndpoints();
  return <EndpointList endpoints={endpoints} limit={endpointLimit()} />;
}
