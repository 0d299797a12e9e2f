"use server";

import { z } from "zod";
import { rotateSigningKey } from "@/lib/webhooks/signing-key";
import { operatorAction } from "./safe-action";

/** "Rotate signing key" (JWT): a new installation key signs from now on; the old public key is served during the overlap. */
export const rotateSigningKeyAction = operatorAction(z.strictObject({}), () => rotateSigningKey(), {
  revalidate: () => ["/developers/webhooks"],
});
