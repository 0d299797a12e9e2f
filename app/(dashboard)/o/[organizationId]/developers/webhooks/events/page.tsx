import type { Metadata } from "next";
import { AllEvents } from "@/components/webhooks/all-events";
import { requireMember } from "@/lib/tenancy/session";
import { isId } from "@/lib/webhooks/schemas";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { readLogFilters } from "@/lib/webhooks/log-filters";
import { listAllWebhooks } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "All events" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ organizationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** "All events": every endpoint's webhooks of the organization in one log, the endpoint log's filters plus an endpoint. */
export default async function AllEventsPage({ params, searchParams }: Props) {
  const [{ organizationId }, search] = await Promise.all([params, searchParams]);
  const context = await requireMember(organizationId);
  const { filters, error } = readLogFilters(search);
  const endpointParam = typeof search.endpoint === "string" && search.endpoint ? search.endpoint : null;
  const cursor = typeof search.cursor === "string" ? search.cursor : null;
  const endpoints = await listEndpoints(context);
  const endpointId =
    endpointParam && isId(endpointParam) && endpoints.some((e) => e.id === endpointParam) ? endpointParam : null;
  const problem =
    error ?? (endpointParam && !endpointId ? "That endpoint does not exist: showing every endpoint." : null);
  const page = error
    ? { items: [], nextCursor: null }
    : await listAllWebhooks(context, filters, endpointId, cursor).catch(() => null);
  return (
    <AllEvents
      organizationId={context.organizationId}
      endpoints={endpoints.map((e) => ({ id: e.id, url: e.url }))}
      filters={filters}
      endpointId={endpointId}
      page={page ?? { items: [], nextCursor: null }}
      error={page ? problem : "This page link is no longer valid. Start from the first page."}
      paged={Boolean(cursor)}
    />
  );
}
