"use server";

import { changeMemberRole, changeMemberRoleSchema } from "@/lib/tenancy/members";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** Members' role select: an admin makes a member an admin or a viewer (never the last admin a viewer). */
export const changeMemberRoleAction = operatorAction(
  changeMemberRoleSchema,
  (input, context) => changeMemberRole(context, input),
  {
    revalidate: (_input, _data, context) => membersPages(context.organizationId),
  },
);
