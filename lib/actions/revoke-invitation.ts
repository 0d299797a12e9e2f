"use server";

import { revokeInvitation, revokeInvitationSchema } from "@/lib/tenancy/invitations";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** "Revoke" on a pending invitation: its link stops working at once. */
export const revokeInvitationAction = operatorAction(
  revokeInvitationSchema,
  (input, context) => revokeInvitation(context, input),
  { revalidate: (_input, _data, context) => membersPages(context.organizationId) },
);
