// GET/PUT/DELETE /api/v1/organizations/:id, where :id is the organization's id or its external_id: the platform API
// (installation key only). DELETE removes everything the organization owns; the Default organization stays (405).
import { requireInstallationKey } from "@/lib/api/auth";
import { parseRequest, readJsonBody } from "@/lib/api/body";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import {
  ORGANIZATION_FIELD_NAMES,
  organizationInput,
  organizationRequestSchema,
  serializeOrganization,
} from "@/lib/api/lago";
import { deleteOrganization, getOrganization, updateOrganization } from "@/lib/tenancy/organizations";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

const options = { notFoundCode: "organization_not_found", fieldNames: ORGANIZATION_FIELD_NAMES };

export const GET = apiHandler(async (request: Request, { params }: Context) => {
  await requireInstallationKey(request);
  const organization = await getOrganization((await params).id);
  return jsonResponse({ organization: serializeOrganization(organization) });
}, options);

export const PUT = apiHandler(async (request: Request, { params }: Context) => {
  await requireInstallationKey(request);
  const body = parseRequest(organizationRequestSchema, await readJsonBody(request), "organization");
  const organization = await updateOrganization((await params).id, organizationInput(body.organization));
  return jsonResponse({ organization: serializeOrganization(organization) });
}, options);

export const DELETE = apiHandler(
  async (request: Request, { params }: Context) => {
    await requireInstallationKey(request);
    const organization = await deleteOrganization((await params).id);
    return jsonResponse({ organization: serializeOrganization(organization) });
  },
  { ...options, conflictCode: "not_allowed" },
);
