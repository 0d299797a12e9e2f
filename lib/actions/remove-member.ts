"use server";

import { removeMember, removeMemberSchema } from "@/lib/tenancy/members";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** Members' "Remove" (an admin) and "Leave" (anyone, for themselves; removeMember checks which): never the last admin. */
export const removeMemberAction = operatorAction(removeMemberSchema, (input, context) => removeMember(context, input), {
  role: "viewer",
  revalidate: (_input, _data, context) => membersPages(context.organizationId),
});
