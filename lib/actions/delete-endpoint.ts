"use server";

import { deleteEndpoint } from "@/lib/webhooks/endpoints";
import { endpointRefSchema } from "@/lib/webhooks/schemas";
import { endpointPages } from "./endpoint-pages";
import { operatorAction } from "./safe-action";

/** "Delete": the endpoint and its whole log. */
export const deleteEndpointAction = operatorAction(
  endpointRefSchema,
  ({ endpointId }, context) => deleteEndpoint(context, endpointId),
  { revalidate: ({ endpointId }, _data, { organizationId }) => endpointPages(organizationId, endpointId) },
);
