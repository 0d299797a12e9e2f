"use server";

import { acceptInvitation, acceptInvitationSchema } from "@/lib/tenancy/invitations";
import { operatorAction } from "./safe-action";

/** The invitation page's "Join": the signed-in operator joins the organization the link names. */
export const acceptInvitationAction = operatorAction(
  acceptInvitationSchema,
  (input, { operator }) => acceptInvitation(operator, input),
  // Not yet a member of anything there: the link, not a role, is what allows it.
  { role: "viewer" },
);
