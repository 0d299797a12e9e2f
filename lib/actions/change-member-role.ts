"use server";

import { memberContext } from "@/lib/tenancy/context";
import { changeMemberRole, changeMemberRoleSchema } from "@/lib/tenancy/members";
import { idSchema } from "@/lib/webhooks/schemas";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** Members' role select: an admin makes a member an admin or a viewer (never the last admin a viewer). */
export const changeMemberRoleAction = operatorAction(
  changeMemberRoleSchema.extend({ organizationId: idSchema }),
  async ({ organizationId, ...input }, { operator }) =>
    changeMemberRole(await memberContext(operator, organizationId), input),
  { role: "viewer", revalidate: ({ organizationId }) => membersPages(organizationId) },
);
