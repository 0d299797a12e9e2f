"use server";

import { createApiKey, createApiKeyInputSchema, INSTALLATION } from "@/lib/api/api-keys";
import { AppError, AppErrorCode } from "@/lib/errors";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { operatorAction } from "./safe-action";

/**
 * "Create API key": the answer carries the key, the only time it is ever shown. A key of this organization, or with
 * `installation` an installation key (the platform API), which only the installation's owner may create.
 */
export const createApiKeyAction = operatorAction(
  createApiKeyInputSchema,
  ({ name, installation }, context) => {
    if (installation && !context.operator.isOwner)
      throw new AppError(AppErrorCode.Forbidden, "Only the installation's owner manages installation keys.");
    return createApiKey(installation ? INSTALLATION : context, name);
  },
  { revalidate: (_input, _data, { organizationId }) => [dashboardHref(organizationId, "/developers/api-keys")] },
);
