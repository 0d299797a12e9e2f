"use server";

import { acceptInvitationWithPassword, acceptWithPasswordSchema } from "@/lib/tenancy/invitations";
import { publicAction } from "./safe-action";

/** The invitation page for someone new: choose a password; the account is created with the invited email and joins. */
export const acceptInvitationWithPasswordAction = publicAction(acceptWithPasswordSchema, (input) =>
  acceptInvitationWithPassword(input),
);
