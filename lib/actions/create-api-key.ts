"use server";

import { createApiKey, createApiKeyInputSchema } from "@/lib/api/api-keys";
import { operatorAction } from "./safe-action";

/** "Create API key": the answer carries the key, the only time it is ever shown. */
export const createApiKeyAction = operatorAction(createApiKeyInputSchema, ({ name }) => createApiKey(name), {
  revalidate: () => ["/developers/api-keys"],
});
