"use server";

import { setEndpointEnabled } from "@/lib/webhooks/endpoints";
import { endpointRefSchema } from "@/lib/webhooks/schemas";
import { endpointPages } from "./endpoint-pages";
import { operatorAction } from "./safe-action";

/** "Enable": events are sent to it again (a failed run of deliveries starts counting afresh). */
export const enableEndpointAction = operatorAction(
  endpointRefSchema,
  ({ endpointId }, context) => setEndpointEnabled(context, endpointId, true),
  { revalidate: ({ endpointId }, _data, { organizationId }) => endpointPages(organizationId, endpointId) },
);
