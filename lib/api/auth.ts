// The REST API's callers: the bearer API key, and the organization a request acts in.
import { AppError, AppErrorCode } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { findOrganization } from "@/lib/tenancy/organizations";
import { authenticateApiKey, type AuthenticatedApiKey } from "./api-keys";
import type { HeaderSource } from "./http";

export function bearerToken(request: { headers: HeaderSource }): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

/** The API key of the request; otherwise a 401 (missing, wrong and revoked keys answer alike). */
export async function requireApiKey(request: { headers: HeaderSource }): Promise<AuthenticatedApiKey> {
  const token = bearerToken(request);
  if (!token)
    throw new AppError(AppErrorCode.Unauthorized, "Send your API key as Authorization: Bearer <key>.", {
      apiCode: "missing_api_key",
    });
  const key = await authenticateApiKey(token);
  if (!key)
    throw new AppError(AppErrorCode.Unauthorized, "This API key is wrong or has been revoked.", {
      apiCode: "invalid_api_key",
    });
  return key;
}

/** The header an installation key names the organization it acts in with: its id or its external_id. */
export const ORGANIZATION_HEADER = "Hookline-Organization";

const UNKNOWN_ORGANIZATION = () =>
  new AppError(AppErrorCode.NotFound, "This organization does not exist.", { apiCode: "organization_not_found" });

/**
 * Who calls an organization's route, and in which organization. An organization's key acts in it alone (a
 * Hookline-Organization header naming another is a 404, as if it did not exist); an installation key acts in the
 * organization its Hookline-Organization header names, which it must send (422 naming the header).
 */
export async function requireApiContext(request: { headers: HeaderSource }): Promise<OrgContext> {
  const key = await requireApiKey(request);
  const named = request.headers.get(ORGANIZATION_HEADER)?.trim() || null;
  if (key.organizationId !== null) {
    if (named !== null) {
      const organization = await findOrganization(named);
      if (organization?.id !== key.organizationId) throw UNKNOWN_ORGANIZATION();
    }
    return { organizationId: key.organizationId, role: "admin", via: "apiKey" };
  }
  if (named === null) {
    const message = `is required with an installation API key: the id or external_id of the organization to act in`;
    throw new AppError(AppErrorCode.InvalidInput, `Send the ${ORGANIZATION_HEADER} header.`, {
      fieldErrors: { [ORGANIZATION_HEADER]: [message] },
    });
  }
  const organization = await findOrganization(named);
  if (!organization) throw UNKNOWN_ORGANIZATION();
  return { organizationId: organization.id, role: "admin", via: "installationKey" };
}

/** The platform API's caller: an installation key; an organization's key is refused (403). */
export async function requireInstallationKey(request: Request): Promise<AuthenticatedApiKey> {
  const key = await requireApiKey(request);
  if (key.organizationId !== null)
    throw new AppError(
      AppErrorCode.Forbidden,
      "This route takes an installation API key (HOOKLINE_INSTALLATION_API_KEY, or one the owner created); an organization's key acts inside its organization only.",
      { apiCode: "installation_key_required" },
    );
  return key;
}
