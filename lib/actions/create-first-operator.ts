"use server";

import { createFirstOperator } from "@/lib/auth/operators";
import { setupSchema } from "@/lib/auth/schemas";
import { publicAction } from "./safe-action";

/** The setup page's "Create account": anonymous by nature, and refused once any operator exists. */
export const createFirstOperatorAction = publicAction(setupSchema, async (input) => {
  const operator = await createFirstOperator(input);
  return { email: operator.email };
});
