// GET/POST /api/v1/organizations: list (paged) and create organizations, the platform API (installation key only).
import { requireInstallationKey } from "@/lib/api/auth";
import { parseRequest, readJsonBody } from "@/lib/api/body";
import { apiHandler, jsonResponse } from "@/lib/api/http";
import {
  ORGANIZATION_FIELD_NAMES,
  organizationInput,
  organizationRequestSchema,
  paginationMeta,
  parsePagination,
  serializeOrganization,
} from "@/lib/api/lago";
import { createOrganization, listOrganizations } from "@/lib/tenancy/organizations";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const options = { notFoundCode: "organization_not_found", fieldNames: ORGANIZATION_FIELD_NAMES };

export const GET = apiHandler(async (request: Request) => {
  await requireInstallationKey(request);
  const pagination = parsePagination(request.url);
  const { organizations, total } = await listOrganizations({ skip: pagination.skip, take: pagination.perPage });
  return jsonResponse({
    organizations: organizations.map(serializeOrganization),
    meta: paginationMeta(pagination, total),
  });
}, options);

export const POST = apiHandler(async (request: Request) => {
  await requireInstallationKey(request);
  const body = parseRequest(organizationRequestSchema, await readJsonBody(request), "organization");
  const organization = await createOrganization(organizationInput(body.organization));
  return jsonResponse({ organization: serializeOrganization(organization) }, 201);
}, options);
