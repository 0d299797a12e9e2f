"use server";

import { createFirstOperator } from "@/lib/auth/operators";
import { toActionResult, type ActionResult } from "@/lib/errors";

/** Creates the first operator. Anonymous by nature, and refused once any operator exists. */
export async function createAdminAction(input: { email: string; password: string; confirm: string }): Promise<ActionResult<{ email: string }>> {
  return toActionResult(async () => {
    const operator = await createFirstOperator(input);
    return { email: operator.email };
  });
}
