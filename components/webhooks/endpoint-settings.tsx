import Link from "next/link";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { CopyButton } from "@/components/ui/copy-button";
import { AlertIcon, ChevronRightIcon, FilterIcon, KeyIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { EndpointSummary } from "@/lib/webhooks/endpoints";
import { EnableEndpointButton } from "./endpoint-actions";
import { SIGNATURE_LABELS } from "./signature-label";
import { SigningSecretPanel } from "./signing-secret-panel";
import { AdminOnly } from "@/components/layout/organization";

const SHOWN_TYPES = 10;

/** Below the endpoint page's header: why it is disabled (with Enable), its event types, and its signing secret or key. */
export function EndpointSettings({
  organizationId,
  endpoint,
  apiUrl,
  overlapHours,
}: {
  organizationId: string;
  endpoint: EndpointSummary;
  apiUrl: string;
  overlapHours: number | null;
}) {
  return (
    <div id="endpoint-settings" className="mb-6 space-y-4">
      {!endpoint.enabled && <DisabledBanner endpoint={endpoint} />}
      <div className="grid overflow-hidden rounded-xl bg-white ring-1 ring-slate-200 lg:grid-cols-2">
        <section
          aria-labelledby="event-types-heading"
          className="border-b border-slate-200 p-4 lg:border-r lg:border-b-0"
        >
          <h3 id="event-types-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <FilterIcon className="size-4 text-slate-400" />
            Event types
          </h3>
          {endpoint.eventTypes === null ? (
            <p className="mt-2 text-sm text-slate-600">
              <span className="font-medium text-slate-800">All event types</span>, including types added later.
            </p>
          ) : (
            <>
              <p className="mt-2 text-sm text-slate-600">
                Only <span className="font-medium text-slate-800">{endpoint.eventTypes.length}</span> selected{" "}
                {endpoint.eventTypes.length === 1 ? "type" : "types"}; other events create nothing for this endpoint.
              </p>
              <ul aria-label="Selected event types" className="mt-2 flex flex-wrap gap-1.5">
                {endpoint.eventTypes.slice(0, SHOWN_TYPES).map((type) => (
                  <li key={type} className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[12px] text-slate-700">
                    {type}
                  </li>
                ))}
                {endpoint.eventTypes.length > SHOWN_TYPES && (
                  <li
                    className="px-1 py-0.5 text-xs text-slate-500"
                    title={endpoint.eventTypes.slice(SHOWN_TYPES).join(", ")}
                  >
                    +{endpoint.eventTypes.length - SHOWN_TYPES} more
                  </li>
                )}
              </ul>
            </>
          )}
        </section>
        <section aria-labelledby="signing-heading" className="p-4">
          <h3 id="signing-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <KeyIcon className="size-4 text-slate-400" />
            {endpoint.signatureAlgo === "jwt" ? "Public key" : "Signing secret"}
            <span className="font-normal text-slate-500">· {SIGNATURE_LABELS[endpoint.signatureAlgo]}</span>
          </h3>
          {endpoint.signatureAlgo === "jwt" ? (
            <JwtKeyHelp apiUrl={apiUrl} organizationId={organizationId} />
          ) : (
            <>
              <p className="mt-1 mb-3 text-sm text-slate-600">
                {endpoint.signatureAlgo === "standard" ? (
                  <>
                    Receivers check <Code>webhook-signature</Code> with this secret, e.g.{" "}
                    <Code>new Webhook(secret).verify(body, headers)</Code> from the <Code>standardwebhooks</Code>{" "}
                    package.
                  </>
                ) : (
                  <>
                    <Code>X-Lago-Signature</Code> is the base64 HMAC-SHA256 of the raw body, keyed with this secret.
                  </>
                )}
              </p>
              <SigningSecretPanel
                endpointId={endpoint.id}
                algo={endpoint.signatureAlgo}
                previousSecretUntil={endpoint.previousSecretUntil}
                overlapHours={overlapHours}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-px font-mono text-[12px] text-slate-800">{children}</code>;
}

function DisabledBanner({ endpoint }: { endpoint: EndpointSummary }) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-start gap-3 rounded-xl bg-amber-50 px-4 py-3 ring-1 ring-amber-200 ring-inset"
    >
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-amber-600" />
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-semibold text-amber-950">This endpoint is disabled</p>
        <p className="mt-0.5 text-amber-900">
          {endpoint.disabledReason ?? "No reason was recorded."}
          {endpoint.disabledAt && (
            <span className="text-amber-800">
              {" "}
              · since <LocalTime value={endpoint.disabledAt} />
            </span>
          )}
        </p>
        <p className="mt-1 text-xs text-amber-800">
          New events are not sent to it. Events that were waiting are marked failed with this reason: retry them once it
          is enabled.
        </p>
      </div>
      <AdminOnly>
        <EnableEndpointButton endpointId={endpoint.id} />
      </AdminOnly>
    </div>
  );
}

function JwtKeyHelp({ apiUrl, organizationId }: { apiUrl: string; organizationId: string }) {
  const curl = `curl -H "Authorization: Bearer $HOOKLINE_API_KEY" ${apiUrl}/api/v1/webhooks/public_key | base64 -d`;
  return (
    <>
      <p className="mt-1 text-sm text-slate-600">
        Deliveries carry an RS256 JWT signed with this installation&apos;s key; there is no per-endpoint secret.
        Receivers verify it with the public key:
      </p>
      <div className="mt-2.5 flex items-start gap-1 rounded-lg bg-slate-50 py-2 pr-1 pl-3 ring-1 ring-slate-200 ring-inset">
        <code className="min-w-0 flex-1 font-mono text-[12px] leading-5 break-all text-slate-800">{curl}</code>
        <CopyButton value={curl} label="Copy the public key command" />
      </div>
      <Link
        href={dashboardHref(organizationId, "/developers/webhooks#signing-keys")}
        className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline"
      >
        The signing key
        <ChevronRightIcon className="size-3" />
      </Link>
    </>
  );
}
