"use server";

import { INSTALLATION, revokeApiKey, revokeApiKeyInputSchema } from "@/lib/api/api-keys";
import { AppError, AppErrorCode } from "@/lib/errors";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { operatorAction } from "./safe-action";

/** "Revoke": the key stops working at once. An installation key: the installation's owner only. */
export const revokeApiKeyAction = operatorAction(
  revokeApiKeyInputSchema,
  ({ id, installation }, context) => {
    if (installation && !context.operator.isOwner)
      throw new AppError(AppErrorCode.Forbidden, "Only the installation's owner manages installation keys.");
    return revokeApiKey(installation ? INSTALLATION : context, id);
  },
  { revalidate: (_input, _data, { organizationId }) => [dashboardHref(organizationId, "/developers/api-keys")] },
);
