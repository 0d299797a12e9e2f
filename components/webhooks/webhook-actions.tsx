"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { PauseIcon, ReloadIcon, SendIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { formatShort } from "@/components/ui/date-format";
import { resendWebhookAction } from "@/lib/actions/resend-webhook";
import { retryWebhookAction } from "@/lib/actions/retry-webhook";
import { stopRetryingAction } from "@/lib/actions/stop-retrying";
import type { WebhookListItem } from "@/lib/webhooks/queries";
import type { WebhookDetail } from "@/lib/webhooks/detail";
import { logKeys } from "./log-api";
import { responseLabel } from "./response-label";

type Verb = "retry" | "resend" | "stop";

const ACTIONS = { retry: retryWebhookAction, resend: resendWebhookAction, stop: stopRetryingAction } as const;

/** The last attempt's answer ("503 Service Unavailable"), else why there was none. */
function answerOf(detail: WebhookDetail): string {
  if (detail.responseCode !== null) return responseLabel(detail.responseCode, detail.reasonPhrase);
  return detail.errorResponse?.kind === "error" ? detail.errorResponse.message : "no answer";
}

const clock = (iso: string) => formatShort(new Date(iso), "hour");

/** What became of an operator's action, in one sentence for the toast. */
export function outcomeOf(verb: Verb, detail: WebhookDetail): { ok: boolean; message: string } {
  if (verb === "stop") return { ok: true, message: "Retries stopped: the event is failed. Retry now still sends it." };
  if (detail.status === "succeeded") {
    const done = verb === "resend" ? "Webhook resent" : "Webhook delivered";
    return { ok: true, message: `${done}: ${answerOf(detail)}. Number of retries: ${detail.retries}.` };
  }
  const failed = `The ${verb === "resend" ? "resend" : "retry"} failed: ${answerOf(detail)}.`;
  if (detail.status === "retrying" && detail.nextAttemptAt)
    return { ok: false, message: `${failed} Automatic retries go on: next at ${clock(detail.nextAttemptAt)}.` };
  return { ok: false, message: failed };
}

/**
 * Runs Retry now, Resend or Stop retrying on one event: at most once at a time (a second click while it runs does
 * nothing), then shows the outcome and refreshes the log and the open detail (the page itself needs no refresh).
 */
export function useWebhookAction(
  endpointId: string,
  webhookId: string,
  verb: Verb,
  { refreshPage = false }: { refreshPage?: boolean } = {},
) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { run, pending } = useAction(ACTIONS[verb], {
    errors: "toast",
    // The endpoint log refetches its queries; a server-rendered list (All events) asks for the page again.
    refresh: refreshPage,
    onSuccess: (detail: WebhookDetail) => {
      queryClient.setQueryData(logKeys.detail(endpointId, webhookId), detail);
      const outcome = outcomeOf(verb, detail);
      if (outcome.ok) toast.success(outcome.message);
      else toast.error(outcome.message);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: logKeys.all(endpointId) }),
  });
  return { run: () => run({ endpointId, webhookId }), pending };
}

/** Sends an event whose last attempt failed again now, under its unique key. */
export function RetryNowButton({ endpointId, webhookId }: { endpointId: string; webhookId: string }) {
  const { run, pending } = useWebhookAction(endpointId, webhookId, "retry");
  return (
    <Button size="sm" disabled={pending} aria-busy={pending || undefined} onClick={run}>
      <ReloadIcon className={cn("size-3.5", pending && "animate-spin")} />
      {pending ? "Sending…" : "Retry now"}
    </Button>
  );
}

/** The row action of the log: a compact Retry now, positioned after the row's link so it is painted (and clicked) above it. */
export function RowRetryButton({
  endpointId,
  item,
  refreshPage,
}: {
  endpointId: string;
  item: Pick<WebhookListItem, "id" | "webhookType">;
  /** Reload the server-rendered page after it (All events). */
  refreshPage?: boolean;
}) {
  const { run, pending } = useWebhookAction(endpointId, item.id, "retry", { refreshPage });
  return (
    <button
      type="button"
      onClick={run}
      disabled={pending}
      aria-busy={pending || undefined}
      aria-label={`Retry now: ${item.webhookType}`}
      title="Send it again now, under the same unique key"
      className="relative inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium whitespace-nowrap text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-white hover:ring-brand-500 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none disabled:cursor-not-allowed disabled:text-slate-400"
    >
      <ReloadIcon className={cn("size-3", pending && "animate-spin")} />
      {pending ? "Sending…" : "Retry now"}
    </button>
  );
}

/** A button that asks first: Resend (a delivered event) or Stop retrying (a retrying one). */
function ConfirmedAction({
  endpointId,
  webhookId,
  verb,
  button,
  title,
  description,
  confirm,
  tone,
}: {
  endpointId: string;
  webhookId: string;
  verb: "resend" | "stop";
  button: React.ReactNode;
  title: string;
  description: string;
  confirm: string;
  tone: "primary" | "danger";
}) {
  const [open, setOpen] = useState(false);
  const { run, pending } = useWebhookAction(endpointId, webhookId, verb);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-busy={pending || undefined}
        onClick={() => setOpen(true)}
      >
        {button}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} description={description}>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant={tone}
            onClick={() => {
              setOpen(false);
              run();
            }}
          >
            {confirm}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

export function ResendButton({ endpointId, webhookId }: { endpointId: string; webhookId: string }) {
  return (
    <ConfirmedAction
      endpointId={endpointId}
      webhookId={webhookId}
      verb="resend"
      button={
        <>
          <SendIcon className="size-3.5" />
          Resend
        </>
      }
      title="Resend this event?"
      description="The receiver already got it. It is sent once more, now, with the same body and the same unique key (X-Lago-Unique-Key), so a receiver that deduplicates ignores it. It counts as a retry."
      confirm="Resend event"
      tone="primary"
    />
  );
}

export function StopRetryingButton({ endpointId, webhookId }: { endpointId: string; webhookId: string }) {
  return (
    <ConfirmedAction
      endpointId={endpointId}
      webhookId={webhookId}
      verb="stop"
      button={
        <>
          <PauseIcon className="size-3.5" />
          Stop retrying
        </>
      }
      title="Stop retrying this event?"
      description="No more automatic attempts are made: the event is marked failed, with your name as the reason. You can still send it by hand with Retry now."
      confirm="Stop retrying"
      tone="danger"
    />
  );
}
