import { CopyButton } from "@/components/ui/copy-button";

/** How an application sends an event: a curl call against this installation's public URL. */
export function ApiUsage({ baseUrl }: { baseUrl: string }) {
  const body = JSON.stringify({
    event: {
      webhook_type: "invoice.created",
      object_type: "invoice",
      object: { lago_id: "inv_42", total_amount_cents: 26400, currency: "EUR" },
    },
  });
  const curl = [
    `curl -X POST "${baseUrl}/api/v1/events" \\`,
    `  -H "Authorization: Bearer $HOOKLINE_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: invoice-inv_42-created" \\`,
    `  -d '${body}'`,
  ].join("\n");
  return (
    <section aria-labelledby="api-usage-heading">
      <h2 id="api-usage-heading" className="text-base font-semibold text-slate-900">
        Send an event
      </h2>
      <p className="mt-0.5 text-sm text-slate-500">
        Hookline answers <code className="font-mono text-xs">202</code> with the event and one webhook per matching
        endpoint. A repeated <code className="font-mono text-xs">Idempotency-Key</code> returns the first answer and
        sends nothing twice.
      </p>
      <div className="relative mt-3 rounded-xl bg-slate-50 ring-1 ring-slate-200">
        {/* Focusable: a keyboard user scrolls the long lines sideways. */}
        <pre
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to scroll by keyboard
          tabIndex={0}
          aria-label="Example request"
          className="overflow-x-auto p-4 pr-12 font-mono text-xs leading-relaxed text-slate-800"
        >
          <code>{curl}</code>
        </pre>
        <CopyButton value={curl} label="Copy the curl command" className="absolute right-2 top-2" />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        The same key manages endpoints at <code className="font-mono">{baseUrl}/api/v1/webhook_endpoints</code>, as
        Lago&apos;s API does, and reads the JWT public key at{" "}
        <code className="font-mono">{baseUrl}/api/v1/webhooks/public_key</code>.
      </p>
    </section>
  );
}
