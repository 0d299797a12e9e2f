"use server";

import { setEndpointEnabled } from "@/lib/webhooks/endpoints";
import { endpointRefSchema } from "@/lib/webhooks/schemas";
import { endpointPages } from "./endpoint-pages";
import { operatorAction } from "./safe-action";

/** "Enable": events are sent to it again (a failed run of deliveries starts counting afresh). */
export const enableEndpointAction = operatorAction(
  endpointRefSchema,
  ({ endpointId }) => setEndpointEnabled(endpointId, true),
  {
    revalidate: ({ endpointId }) => endpointPages(endpointId),
  },
);
