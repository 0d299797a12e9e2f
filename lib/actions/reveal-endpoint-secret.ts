"use server";

import { revealSecret } from "@/lib/webhooks/endpoints";
import { endpointRefSchema } from "@/lib/webhooks/schemas";
import { operatorAction } from "./safe-action";

/** "Reveal": the only way the signing secret leaves the server, to a signed-in admin of its organization who asked. */
export const revealEndpointSecretAction = operatorAction(endpointRefSchema, async ({ endpointId }, context) => {
  const { secret, previousSecretUntil } = await revealSecret(context, endpointId);
  return { secret, previousSecretUntil };
});
