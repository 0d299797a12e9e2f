"use server";

import { headers } from "next/headers";
import { publicBaseUrl } from "@/lib/api/http";
import { memberContext } from "@/lib/tenancy/context";
import { createInvitation, createInvitationSchema } from "@/lib/tenancy/invitations";
import { idSchema } from "@/lib/webhooks/schemas";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** "Invite": the link to copy, shown once (only its hash is kept). */
export const createInvitationAction = operatorAction(
  createInvitationSchema.extend({ organizationId: idSchema }),
  async ({ organizationId, ...input }, { operator }) => {
    const { invitation, token } = await createInvitation(await memberContext(operator, organizationId), input);
    return { invitation, url: `${publicBaseUrl(await headers())}/invite/${token}` };
  },
  { role: "viewer", revalidate: ({ organizationId }) => membersPages(organizationId) },
);
