import type { NextState } from "@/lib/webhooks/delivery/record";
import type { Attempted, NotSent } from "@/lib/webhooks/delivery/deliver";
import { logger } from "./logger";
import { countDelivery } from "./metrics";

/**
 * What the record phase tells metrics and the log about a batch it wrote: hookline_deliveries_total by outcome and
 * HTTP class, the duration histogram, a debug line per attempt and a warning per webhook that ran out of attempts.
 * Ids, statuses and durations only: no body, no response, no URL (it may carry a receiver's token).
 */
export function observeOutcomes(attempted: Attempted[], states: NextState[], notSent: NotSent[]): void {
  const log = logger();
  const debug = log.isLevelEnabled("debug");
  attempted.forEach(({ job, endpoint, result }, i) => {
    const state = states[i];
    countDelivery(state.status, result.status, result.durationMs);
    const ids = {
      eventId: job.eventId,
      webhookId: job.id,
      endpointId: endpoint.id,
      organizationId: endpoint.organizationId,
    };
    if (debug)
      log.debug(
        {
          ...ids,
          outcome: state.status,
          status: result.status,
          durationMs: result.durationMs,
          attempt: state.attemptCount,
        },
        "delivery attempt recorded",
      );
    if (state.status === "failed")
      log.warn({ ...ids, attempts: state.attemptCount, status: result.status, error: result.error }, "webhook failed");
  });
  for (const { job } of notSent) {
    countDelivery("not_sent", null, null);
    log.info({ eventId: job.eventId, webhookId: job.id, endpointId: job.endpointId }, "webhook not sent");
  }
}
