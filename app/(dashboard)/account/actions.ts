"use server";

import { headers } from "next/headers";
import { changePassword, endSessions } from "@/lib/auth/account";
import { clientAddress } from "@/lib/auth/client-address";
import { requireOperatorForAction } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { toActionResult, type ActionResult } from "@/lib/errors";

/** Changes the signed-in operator's password (the current one is checked, as at sign-in); every session ends. */
export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  return toActionResult(async () => {
    const operator = await requireOperatorForAction();
    await changePassword(operator, input, clientAddress(await headers(), config().auth.trustedProxies));
    return undefined;
  });
}

/** Ends every session of the signed-in operator, this one included. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return toActionResult(async () => {
    const operator = await requireOperatorForAction();
    await endSessions(operator.id);
    return undefined;
  });
}
