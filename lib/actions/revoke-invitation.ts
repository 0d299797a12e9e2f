"use server";

import { memberContext } from "@/lib/tenancy/context";
import { revokeInvitation, revokeInvitationSchema } from "@/lib/tenancy/invitations";
import { idSchema } from "@/lib/webhooks/schemas";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** "Revoke" on a pending invitation: its link stops working at once. */
export const revokeInvitationAction = operatorAction(
  revokeInvitationSchema.extend({ organizationId: idSchema }),
  async ({ organizationId, ...input }, { operator }) =>
    revokeInvitation(await memberContext(operator, organizationId), input),
  { role: "viewer", revalidate: ({ organizationId }) => membersPages(organizationId) },
);
