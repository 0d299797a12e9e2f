"use server";

import { replayActionSchema, replayFailed } from "@/lib/webhooks/replay";
import { operatorAction } from "./safe-action";

/** "Retry all failed since ...": re-queues the endpoint's failed events since the time; returns the replay to follow. */
export const replayFailedAction = operatorAction(replayActionSchema, async ({ endpointId, since }, context) => {
  const replay = await replayFailed(context, endpointId, since.toISOString());
  return { id: replay.id, count: replay.count, since: replay.since.toISOString() };
});
