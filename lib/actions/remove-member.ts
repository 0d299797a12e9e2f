"use server";

import { memberContext } from "@/lib/tenancy/context";
import { removeMember, removeMemberSchema } from "@/lib/tenancy/members";
import { idSchema } from "@/lib/webhooks/schemas";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** Members' "Remove" (an admin) and "Leave" (anyone, for themselves); never the last admin. */
export const removeMemberAction = operatorAction(
  removeMemberSchema.extend({ organizationId: idSchema }),
  async ({ organizationId, ...input }, { operator }) =>
    removeMember(await memberContext(operator, organizationId), input),
  { role: "viewer", revalidate: ({ organizationId }) => membersPages(organizationId) },
);
