"use server";

import { createEndpoint } from "@/lib/webhooks/endpoints";
import { endpointInputSchema } from "@/lib/webhooks/schemas";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { operatorAction } from "./safe-action";

/** "Add webhook": the organization's limit and uniqueness are enforced by createEndpoint. */
export const createEndpointAction = operatorAction(
  endpointInputSchema,
  (input, context) => createEndpoint(context, input),
  {
    revalidate: (_input, _data, { organizationId }) => [dashboardHref(organizationId, "/developers/webhooks")],
  },
);
