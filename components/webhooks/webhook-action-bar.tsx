"use client";

import { AdminOnly, useOrganization } from "@/components/layout/organization";
import { LocalTime } from "@/components/ui/local-time";
import type { WebhookDetail as Detail } from "@/lib/webhooks/detail";
import { Sending } from "./sending";
import { ResendButton, RetryNowButton, StopRetryingButton } from "./webhook-actions";

/** Where the event stands, in one line, and what the operator can do about it. */
export function WebhookActionBar({ endpointId, detail }: { endpointId: string; detail: Detail }) {
  // A viewer reads the state; Retry, Resend and Stop are an admin's.
  const { canEdit } = useOrganization();
  const lastFailed = detail.status === "failed" || detail.status === "retrying";
  let state: React.ReactNode;
  if (detail.inFlightSince) state = <Sending since={detail.inFlightSince} />;
  else if (detail.status === "retrying" && detail.nextAttemptAt) {
    state = (
      <span>
        The last attempt failed. Next automatic attempt at{" "}
        <span className="tabular-nums">
          <LocalTime value={detail.nextAttemptAt} />
        </span>
        .
      </span>
    );
  } else if (detail.status === "failed") state = "The last attempt failed; no automatic attempt is left.";
  else if (detail.status === "succeeded") {
    state = detail.deliveredAt ? (
      <span>
        Delivered at{" "}
        <span className="tabular-nums">
          <LocalTime value={detail.deliveredAt} />
        </span>
        .
      </span>
    ) : (
      "Delivered."
    );
  } else state = "Waiting for its first attempt.";

  // While an attempt is in flight nothing else may be sent: the buttons come back with its result.
  let actions: React.ReactNode = null;
  if (detail.inFlightSince || !canEdit) actions = null;
  else if (!detail.endpointEnabled && detail.status !== "pending")
    actions = <span className="text-xs text-slate-500">Enable the endpoint to send it again</span>;
  else if (lastFailed) {
    actions = (
      <>
        {detail.status === "retrying" && <StopRetryingButton endpointId={endpointId} webhookId={detail.id} />}
        <RetryNowButton endpointId={endpointId} webhookId={detail.id} />
      </>
    );
  } else if (detail.status === "succeeded") actions = <ResendButton endpointId={endpointId} webhookId={detail.id} />;

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-slate-50 px-6 py-2.5 text-sm text-slate-600">
      <p aria-live="polite" className="min-w-0">
        {state}
      </p>
      {actions && (
        <AdminOnly>
          <div className="ml-auto flex shrink-0 flex-wrap items-center gap-2">{actions}</div>
        </AdminOnly>
      )}
    </div>
  );
}
