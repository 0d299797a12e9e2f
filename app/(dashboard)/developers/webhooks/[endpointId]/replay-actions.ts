"use server";

import { z } from "zod";
import { requireOperatorForAction } from "@/lib/auth/session";
import { parseInput, toActionResult, type ActionResult } from "@/lib/errors";
import { replayFailed, replayInputSchema } from "@/lib/webhooks/replay";
import { idSchema } from "@/lib/webhooks/schemas";

const replayActionSchema = replayInputSchema.extend({ endpointId: idSchema });

/** "Retry all failed since ...": re-queues the endpoint's failed events since the time; returns the replay to follow. */
export async function replayFailedAction(
  endpointId: string,
  since: string,
): Promise<ActionResult<{ id: string; count: number; since: string }>> {
  return toActionResult(async () => {
    const input = parseInput(replayActionSchema, { endpointId, since } satisfies z.input<typeof replayActionSchema>);
    await requireOperatorForAction();
    const replay = await replayFailed(input.endpointId, input.since);
    return { id: replay.id, count: replay.count, since: replay.since.toISOString() };
  });
}
