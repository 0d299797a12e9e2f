"use server";

import { setEndpointEnabled } from "@/lib/webhooks/endpoints";
import { disableEndpointSchema } from "@/lib/webhooks/schemas";
import { endpointPages } from "./endpoint-pages";
import { operatorAction } from "./safe-action";

/** "Disable": records the typed reason, or who disabled it. */
export const disableEndpointAction = operatorAction(
  disableEndpointSchema,
  ({ endpointId, reason }, context) =>
    setEndpointEnabled(context, endpointId, false, reason ?? `Disabled by ${context.operator.email}`),
  { revalidate: ({ endpointId }, _data, { organizationId }) => endpointPages(organizationId, endpointId) },
);
