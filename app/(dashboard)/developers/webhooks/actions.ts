"use server";

import { revalidatePath } from "next/cache";
import { requireOperatorForAction } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/errors";
import { createEndpoint, type EndpointSummary } from "@/lib/webhooks/endpoints";

/** "Add webhook": validates, enforces the limit and uniqueness, writes through Prisma. */
export async function addWebhookAction(input: unknown): Promise<ActionResult<EndpointSummary>> {
  return toActionResult(async () => {
    await requireOperatorForAction();
    const endpoint = await createEndpoint(input);
    revalidatePath("/developers/webhooks");
    return endpoint;
  });
}
