"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, inputClass } from "@/components/ui/field";
import { AlertIcon, CheckIcon, ReloadIcon, XIcon } from "@/components/ui/icons";
import { replayFailedAction } from "@/lib/actions/replay-failed";
import { fetchReplayProgress, formatCount, healthKeys } from "./health-api";
import { logKeys } from "./log-api";
import { useOrganization } from "@/components/layout/organization";

const HOUR = 3_600_000;
const MAX_DAYS = 14;
const POLL_MS = 1_000;

type Replay = { id: string; count: number; since: string };

/** A Date as the value of <input type="datetime-local"> (the browser's local time, to the minute). */
function toLocalInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function utcOffsetLabel(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const shortDateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** "Retry all failed…": a dialog to choose the time, then a progress card that follows the replay without blocking the page. */
export function ReplayFailedButton({ endpointId }: { endpointId: string }) {
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState("");
  const [bounds, setBounds] = useState({ min: "", max: "" });
  const [invalidTime, setInvalidTime] = useState(false);
  const [replay, setReplay] = useState<Replay | null>(null);
  // The progress card follows the replay; the page needs no refresh.
  const replaying = useAction(replayFailedAction, {
    refresh: false,
    success: (started) =>
      started.count === 0 ? `No failed events since ${shortDateTime(started.since)}: nothing to retry.` : null,
    onSuccess: (started) => {
      setOpen(false);
      if (started.count > 0) setReplay(started);
    },
  });
  const error = invalidTime ? "Choose a date and time." : replaying.error;

  function openDialog() {
    const now = new Date();
    // The earliest choice is rounded up to the minute so that it is inside the 14 days when sent.
    const earliest = new Date(Math.ceil((now.getTime() - MAX_DAYS * 24 * HOUR) / 60_000) * 60_000 + 60_000);
    setBounds({ min: toLocalInput(earliest), max: toLocalInput(now) });
    setSince(toLocalInput(new Date(now.getTime() - 24 * HOUR)));
    setInvalidTime(false);
    replaying.reset();
    setOpen(true);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = new Date(since);
    setInvalidTime(Number.isNaN(chosen.getTime()));
    if (!Number.isNaN(chosen.getTime())) replaying.run({ endpointId, since: chosen.toISOString() });
  }

  return (
    <>
      <Button variant="secondary" onClick={openDialog}>
        <ReloadIcon />
        Retry all failed…
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Retry all failed events"
        description="Every event of this endpoint whose last attempt failed (failed, or still retrying) created since the chosen time is sent again now, with its original unique key. Delivered and pending events are left alone."
      >
        <form onSubmit={onSubmit} className="space-y-5">
          <FormError message={error} />
          <div>
            <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800">
              Failed since
            </label>
            <input
              id={inputId}
              type="datetime-local"
              required
              value={since}
              min={bounds.min}
              max={bounds.max}
              onChange={(event) => setSince(event.target.value)}
              aria-describedby={`${inputId}-hint`}
              className={inputClass}
            />
            <p id={`${inputId}-hint`} className="mt-1.5 text-xs text-slate-500">
              Your local time ({utcOffsetLabel(new Date())}). At most {MAX_DAYS} days back.
            </p>
          </div>
          <div className="flex justify-end gap-2 pt-1">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={replaying.pending}>
              {replaying.pending ? "Queuing…" : "Retry failed events"}
            </Button>
          </div>
        </form>
      </Dialog>
      {replay && (
        <ReplayProgressCard key={replay.id} endpointId={endpointId} replay={replay} onDismiss={() => setReplay(null)} />
      )}
    </>
  );
}

/** Follows one replay: queued, then delivered / failed again / in progress, polled each second until done. */
function ReplayProgressCard({
  endpointId,
  replay,
  onDismiss,
}: {
  endpointId: string;
  replay: Replay;
  onDismiss: () => void;
}) {
  const queryClient = useQueryClient();
  const organization = useOrganization();
  const progress = useQuery({
    queryKey: healthKeys.replay(endpointId, replay.id),
    queryFn: ({ signal }) => fetchReplayProgress(organization.id, endpointId, replay.id, signal),
    refetchInterval: (query) => (query.state.data?.done ? false : POLL_MS),
  });
  const data = progress.data;
  const done = data?.done ?? false;

  // The log and the chart catch up as soon as the replay is over.
  useEffect(() => {
    if (!done) return;
    void queryClient.invalidateQueries({ queryKey: logKeys.all(endpointId) });
    void queryClient.invalidateQueries({ queryKey: healthKeys.all(endpointId) });
  }, [done, endpointId, queryClient]);

  const queued = data?.queued ?? replay.count;
  const succeeded = data?.succeeded ?? 0;
  const failed = data?.failed ?? 0;
  const inProgress = data ? data.inProgress : replay.count;
  const pct = (n: number) => `${queued ? (n / queued) * 100 : 0}%`;
  const noun = (n: number) => (n === 1 ? "event" : "events");

  let title = `Retrying ${formatCount(replay.count)} failed ${noun(replay.count)}`;
  if (done)
    title = failed
      ? `Retry finished: ${formatCount(failed)} failed again`
      : `All ${formatCount(succeeded)} ${noun(succeeded)} delivered`;

  return (
    <div className="fixed bottom-5 left-1/2 z-40 w-[28rem] max-w-[calc(100vw-2rem)] -translate-x-1/2 rounded-xl bg-white p-4 shadow-xl ring-1 ring-slate-900/10">
      <div className="flex items-start justify-between gap-3">
        <span
          aria-hidden
          className={`mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full ${
            !done ? "bg-brand-50 text-brand-600" : failed ? "bg-red-50 text-red-600" : "bg-emerald-50 text-emerald-600"
          }`}
        >
          {!done ? (
            <ReloadIcon className="size-4 motion-safe:animate-spin" />
          ) : failed ? (
            <AlertIcon className="size-4" />
          ) : (
            <CheckIcon className="size-4" />
          )}
        </span>
        <div role="status" aria-live="polite" className="min-w-0 flex-1" aria-label="Retry progress">
          <p className="text-sm font-semibold text-slate-900">{title}</p>
          <p className="mt-0.5 text-xs text-slate-500">
            {formatCount(replay.count)} queued · failed since {shortDateTime(replay.since)}
          </p>
          <div
            className="mt-3 flex h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Events retried"
            aria-valuemin={0}
            aria-valuemax={queued}
            aria-valuenow={succeeded + failed}
          >
            <div className="h-full bg-emerald-500 transition-[width] duration-500" style={{ width: pct(succeeded) }} />
            <div
              className="h-full bg-red-500 transition-[width] duration-500"
              style={{
                width: pct(failed),
                backgroundImage: "repeating-linear-gradient(45deg, rgba(255,255,255,.45) 0 2px, transparent 2px 5px)",
              }}
            />
          </div>
          <p className="mt-2 text-xs tabular-nums text-slate-600">
            <span className="font-medium text-emerald-700">{formatCount(succeeded)} delivered</span>
            <span className="text-slate-300"> · </span>
            <span className={failed ? "font-medium text-red-700" : undefined}>{formatCount(failed)} failed again</span>
            <span className="text-slate-300"> · </span>
            {formatCount(inProgress)} in progress
          </p>
          {progress.isError && (
            <p className="mt-1 text-xs text-amber-800">Progress could not be refreshed: {progress.error.message}</p>
          )}
        </div>
        <button
          type="button"
          onClick={onDismiss}
          className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
          aria-label="Dismiss retry progress"
        >
          <XIcon className="size-4" />
        </button>
      </div>
    </div>
  );
}
