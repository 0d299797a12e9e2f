"use server";

import { headers } from "next/headers";
import { changePassword, changePasswordSchema } from "@/lib/auth/account";
import { clientAddress } from "@/lib/auth/client-address";
import { config } from "@/lib/config";
import { accountAction } from "./safe-action";

/** Account's "Change password": the current one is checked as at sign-in (limits included); every session ends. */
export const changePasswordAction = accountAction(changePasswordSchema, async (input, operator) =>
  changePassword(operator, input, clientAddress(await headers(), config().auth.trustedProxies)),
);
