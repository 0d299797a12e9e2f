"use server";

import { headers } from "next/headers";
import { publicBaseUrl } from "@/lib/api/http";
import { createInvitation, createInvitationSchema } from "@/lib/tenancy/invitations";
import { membersPages } from "./organization-pages";
import { operatorAction } from "./safe-action";

/** "Invite": the link to copy, shown once (only its hash is kept). */
export const createInvitationAction = operatorAction(
  createInvitationSchema,
  async (input, context) => {
    const { invitation, token } = await createInvitation(context, input);
    return { invitation, url: `${publicBaseUrl(await headers())}/invite/${token}` };
  },
  { revalidate: (_input, _data, context) => membersPages(context.organizationId) },
);
