"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, createApiKeyInputSchema, revokeApiKey, revokeApiKeyInputSchema, type ApiKeySummary } from "@/lib/api/api-keys";
import { requireOperatorForAction } from "@/lib/auth/session";
import { parseInput, toActionResult, type ActionResult } from "@/lib/errors";

/** "Create API key": the answer carries the key, the only time it is ever shown. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ id: string; name: string; prefix: string; key: string }>> {
  return toActionResult(async () => {
    const { name } = parseInput(createApiKeyInputSchema, input);
    await requireOperatorForAction();
    const created = await createApiKey(name);
    revalidatePath("/developers/api-keys");
    return created;
  });
}

/** "Revoke": the key stops working at once. */
export async function revokeApiKeyAction(input: unknown): Promise<ActionResult<ApiKeySummary>> {
  return toActionResult(async () => {
    const { id } = parseInput(revokeApiKeyInputSchema, input);
    await requireOperatorForAction();
    const revoked = await revokeApiKey(id);
    revalidatePath("/developers/api-keys");
    return revoked;
  });
}
