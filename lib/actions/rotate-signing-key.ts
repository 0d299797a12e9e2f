"use server";

import { z } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { rotateSigningKey } from "@/lib/webhooks/signing-key";
import { operatorAction } from "./safe-action";

/**
 * "Rotate signing key" (JWT): a new installation key signs from now on; the old public key is served during the
 * overlap. The key signs every organization's deliveries, so only the installation's owner rotates it.
 */
export const rotateSigningKeyAction = operatorAction(
  z.strictObject({}),
  (_input, context) => {
    if (!context.operator.isOwner)
      throw new AppError(
        AppErrorCode.Forbidden,
        "The signing key is the installation's, shared by every organization: only its owner rotates it.",
      );
    return rotateSigningKey();
  },
  { revalidate: (_input, _data, { organizationId }) => [dashboardHref(organizationId, "/developers/webhooks")] },
);
