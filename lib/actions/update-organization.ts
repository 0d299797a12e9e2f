"use server";

import { revalidatePath } from "next/cache";
import { organizationUpdateSchema, updateOrganization } from "@/lib/tenancy/organizations";
import { requireOwner } from "@/lib/tenancy/owner";
import { idSchema } from "@/lib/webhooks/schemas";
import { accountAction } from "./safe-action";

/** The owner's "Edit" on an organization: its name, external id, portal name and accent colour. */
export const updateOrganizationAction = accountAction(
  organizationUpdateSchema.extend({ id: idSchema }),
  async ({ id, ...input }, operator) => {
    await requireOwner(operator);
    const organization = await updateOrganization(id, input);
    // Its name shows in every page's switcher.
    revalidatePath("/", "layout");
    return organization;
  },
);
