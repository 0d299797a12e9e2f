"use server";

import { createEndpoint } from "@/lib/webhooks/endpoints";
import { endpointInputSchema } from "@/lib/webhooks/schemas";
import { operatorAction } from "./safe-action";

/** "Add webhook": the limit and uniqueness are enforced by createEndpoint. */
export const createEndpointAction = operatorAction(endpointInputSchema, (input) => createEndpoint(input), {
  revalidate: () => ["/developers/webhooks"],
});
