"use server";

import { revokeApiKey, revokeApiKeyInputSchema } from "@/lib/api/api-keys";
import { operatorAction } from "./safe-action";

/** "Revoke": the key stops working at once. */
export const revokeApiKeyAction = operatorAction(revokeApiKeyInputSchema, ({ id }) => revokeApiKey(id), {
  revalidate: () => ["/developers/api-keys"],
});
