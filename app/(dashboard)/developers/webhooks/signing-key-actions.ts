"use server";

import { revalidatePath } from "next/cache";
import { requireOperatorForAction } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/errors";
import { rotateSigningKey, type SigningKeyStatus } from "@/lib/webhooks/signing-key";

/** "Rotate signing key" (JWT): a new installation key signs from now on; the old public key is served during the overlap. */
export async function rotateSigningKeyAction(): Promise<ActionResult<SigningKeyStatus>> {
  return toActionResult(async () => {
    await requireOperatorForAction();
    const status = await rotateSigningKey();
    revalidatePath("/developers/webhooks");
    return status;
  });
}
