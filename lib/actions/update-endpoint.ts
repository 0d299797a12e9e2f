"use server";

import { updateEndpoint } from "@/lib/webhooks/endpoints";
import { endpointEditSchema } from "@/lib/webhooks/schemas";
import { endpointPages } from "./endpoint-pages";
import { operatorAction } from "./safe-action";

/** "Edit": URL, name, signature and event types (null: every type). */
export const updateEndpointAction = operatorAction(
  endpointEditSchema,
  ({ endpointId, ...changes }, context) => updateEndpoint(context, endpointId, changes),
  { revalidate: ({ endpointId }, _data, { organizationId }) => endpointPages(organizationId, endpointId) },
);
