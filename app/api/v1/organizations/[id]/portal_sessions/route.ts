// POST /api/v1/organizations/:id/portal_sessions: a link to the organization's webhooks portal, for a while
// (installation API key; :id is the organization's id or external_id).
import { requireInstallationKey } from "@/lib/api/auth";
import { parseRequest, readJsonBody } from "@/lib/api/body";
import { apiHandler, jsonResponse, publicBaseUrl } from "@/lib/api/http";
import { createPortalSession, portalSessionInputSchema } from "@/lib/portal/sessions";
import { getOrganization } from "@/lib/tenancy/organizations";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

export const POST = apiHandler(
  async (request: Request, { params }: Context) => {
    await requireInstallationKey(request);
    const body = parseRequest(portalSessionInputSchema, await readJsonBody(request), "portal_session");
    const organization = await getOrganization((await params).id);
    const session = await createPortalSession(organization.id, body.portal_session, publicBaseUrl(request.headers));
    return jsonResponse(session, 201);
  },
  { notFoundCode: "organization_not_found" },
);
