import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import type { WebhookDetail as Detail } from "@/lib/webhooks/detail";
import { responseLabel } from "./response-label";
import { Sending } from "./sending";

function Property({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={cn("min-w-0", wide && "sm:col-span-2")}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** The event's properties, as the guide names them: when, what, where, its unique key, the response and the retries. */
export function WebhookProperties({ detail }: { detail: Detail }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 rounded-xl bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2">
      <Property label="Timestamp">
        <span className="tabular-nums">
          <LocalTime value={detail.createdAt} />
        </span>
      </Property>
      <Property label="Webhook type">
        <span className="font-mono text-[13px]">{detail.webhookType}</span>
      </Property>
      <Property label="Webhook URL" wide>
        <span className="font-mono text-[13px] break-all">{detail.endpointUrl}</span>
      </Property>
      <Property label="Unique key" wide>
        <span className="inline-flex max-w-full items-center gap-1">
          <span className="truncate font-mono text-[13px]">{detail.id}</span>
          <CopyButton value={detail.id} label="Copy unique key" />
        </span>
      </Property>
      <Property label="Response">
        {detail.inFlightSince && detail.attemptCount === 0 ? (
          <Sending since={detail.inFlightSince} />
        ) : detail.responseCode !== null ? (
          <span className={cn("font-mono text-[13px] tabular-nums", detail.responseCode >= 300 && "text-red-700")}>
            {responseLabel(detail.responseCode, detail.reasonPhrase)}
          </span>
        ) : detail.attemptCount > 0 ? (
          <span className="text-red-700">No response</span>
        ) : (
          <span className="text-slate-500">Not sent yet</span>
        )}
      </Property>
      <Property label="Number of retries">
        <span className="tabular-nums">{detail.retries}</span>
      </Property>
      {detail.status === "retrying" && detail.nextAttemptAt && (
        <Property label="Next attempt">
          <span className="tabular-nums">
            <LocalTime value={detail.nextAttemptAt} />
          </span>
        </Property>
      )}
      {detail.objectId && (
        <Property label="Object">
          <span className="font-mono text-[13px] break-all">
            {detail.objectType} · {detail.objectId}
          </span>
        </Property>
      )}
      {detail.status === "failed" && detail.failureReason && (
        <Property label="Why it stopped" wide>
          {detail.failureReason}
        </Property>
      )}
    </dl>
  );
}
