"use server";

import { rotateEndpointSecret } from "@/lib/webhooks/rotation";
import { endpointRefSchema } from "@/lib/webhooks/schemas";
import { endpointPages } from "./endpoint-pages";
import { operatorAction } from "./safe-action";

/** "Rotate secret": the new secret is returned (the operator needs it next); the old one's end is shown. */
export const rotateEndpointSecretAction = operatorAction(
  endpointRefSchema,
  ({ endpointId }, context) => rotateEndpointSecret(context, endpointId),
  { revalidate: ({ endpointId }, _data, { organizationId }) => endpointPages(organizationId, endpointId) },
);
