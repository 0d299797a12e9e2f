import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { AlertView } from "@/lib/alerts/history";

const KIND_LABELS: Record<string, string> = {
  endpoint_auto_disabled: "Endpoint disabled",
  endpoint_failing: "Endpoint failing",
  endpoint_recovered: "Endpoint recovered",
  worker_stalled: "Worker stalled",
  worker_recovered: "Worker recovered",
};

function Channel({ label, result }: { label: string; result: string | null }) {
  if (result === null) return null;
  const sent = result === "sent";
  return (
    <Badge tone={sent ? "green" : "red"}>
      <span title={sent ? undefined : result}>
        {label}: {sent ? "sent" : "failed"}
      </span>
    </Badge>
  );
}

/** The latest alerts, newest first: what happened, when, whether it is still going on, and where it was sent. */
export function AlertHistory({ alerts }: { alerts: AlertView[] }) {
  return (
    <section aria-labelledby="alert-history-heading">
      <h2 id="alert-history-heading" className="text-base font-semibold text-slate-900">
        History
      </h2>
      <p className="mt-0.5 text-sm text-slate-500">The latest 100 alerts of this organization.</p>
      {alerts.length === 0 ? (
        <p className="mt-4 rounded-xl border border-dashed border-slate-300 px-6 py-10 text-center text-sm text-slate-500">
          No alert yet. When one of your endpoints is in trouble, it is listed here.
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200">
          {alerts.map((alert) => (
            <li key={alert.id} className="space-y-1.5 px-4 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={alert.kind.endsWith("recovered") ? "green" : alert.open ? "red" : "amber"}>
                  {KIND_LABELS[alert.kind] ?? alert.kind}
                </Badge>
                {alert.open && <Badge tone="slate">Ongoing</Badge>}
                <span className="text-sm font-medium text-slate-900">{alert.title}</span>
                <span className="ml-auto text-xs text-slate-500">
                  <LocalTime value={alert.createdAt} />
                </span>
              </div>
              <p className="text-sm break-words text-slate-600">{alert.message}</p>
              <div className="flex flex-wrap items-center gap-2">
                <Channel label="Email" result={alert.emailResult} />
                <Channel label="Webhook" result={alert.webhookResult} />
                {alert.emailResult === null && alert.webhookResult === null && (
                  <span className="text-xs text-slate-500">Not sent: no email or webhook was set.</span>
                )}
                {alert.endpointId && (
                  <Link
                    href={`/developers/webhooks/${alert.endpointId}`}
                    className="text-xs font-medium text-brand-700 hover:underline"
                  >
                    Open the endpoint
                  </Link>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
