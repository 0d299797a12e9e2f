"use server";

import { acceptInvitation, acceptInvitationSchema } from "@/lib/tenancy/invitations";
import { accountAction } from "./safe-action";

/** The invitation page's "Join": the signed-in operator joins the organization the link names (the link allows it). */
export const acceptInvitationAction = accountAction(acceptInvitationSchema, (input, operator) =>
  acceptInvitation(operator, input),
);
