"use server";

import { createOrganization, organizationInputSchema } from "@/lib/tenancy/organizations";
import { requireOwner } from "@/lib/tenancy/owner";
import { accountAction } from "./safe-action";
import { revalidatePath } from "next/cache";

/** The owner's "Create organization" (Organizations page); anyone else is refused as if it did not exist. */
export const createOrganizationAction = accountAction(organizationInputSchema, async (input, operator) => {
  await requireOwner(operator);
  const organization = await createOrganization(input);
  revalidatePath("/", "layout");
  return organization;
});
