// The log under its filters (one endpoint's or every endpoint's) as a streamed CSV or NDJSON download; members of its organization only.
import { dashboardResponse } from "@/lib/api/dashboard";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { exportFileName, exportPages, exportStream, parseExportRequest } from "@/lib/webhooks/export";

export const dynamic = "force-dynamic";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" } as const;

export async function GET(request: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  return dashboardResponse(organizationId, async (context) => {
    const { format, endpointId, filters } = parseExportRequest(new URL(request.url).searchParams);
    if (endpointId) await getEndpoint(context, endpointId);
    return new Response(exportStream(exportPages(context, endpointId, filters), format), {
      headers: {
        "Content-Type": CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="${exportFileName(format)}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
