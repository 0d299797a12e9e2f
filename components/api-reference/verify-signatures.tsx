import { CodeBlock } from "./code-block";
import { CodeTabs } from "./code-tabs";
import { InlineText } from "./inline-text";
import { deliveryExample, type OperationView, type ReferenceDocument } from "./model";
import { ParameterTable } from "./operation-view";
import { resolve } from "./schema";
import { SchemaView } from "./schema-view";

/** What each endpoint receives, per signature scheme, and how to verify it: the document's `webhooks`. */
export function VerifySignatures({
  document,
  deliveries,
}: {
  document: ReferenceDocument;
  deliveries: OperationView[];
}) {
  const body = deliveries[0]?.operation.requestBody?.content?.["application/json"];
  return (
    <section id="verify-signatures" aria-labelledby="verify-signatures-heading" className="scroll-mt-6">
      <h2 id="verify-signatures-heading" className="text-lg font-semibold text-slate-900">
        Verify signatures
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        Every endpoint receives a <code className="font-mono text-xs">POST</code> with the event as JSON, signed by the
        scheme chosen for the endpoint. Verify the signature over the raw body, exactly as received, before parsing it.
        Answer 200, 201, 202 or 204 quickly; anything else is retried under the same{" "}
        <code className="font-mono text-xs">X-Lago-Unique-Key</code>.
      </p>
      {body && (
        <div className="mt-4 rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <h3 className="text-sm font-semibold text-slate-900">The body</h3>
          <p className="mt-1 text-sm text-slate-700">
            <InlineText text={resolve(document, body.schema).description} />
          </p>
          <div className="mt-3">
            <SchemaView document={document} schema={body.schema} caption="The delivered body" />
          </div>
        </div>
      )}
      <div className="mt-6 space-y-6">
        {deliveries.map((view) => {
          const samples = view.operation["x-codeSamples"] ?? [];
          const headers = (view.operation.parameters ?? []).filter((p) => p.in === "header");
          return (
            <article
              key={view.id}
              id={view.id}
              aria-labelledby={`${view.id}-title`}
              className="scroll-mt-6 rounded-xl bg-white p-5 ring-1 ring-slate-200"
            >
              <h3 id={`${view.id}-title`} className="text-base font-semibold text-slate-900">
                {view.operation.summary}
              </h3>
              <p className="mt-1 text-sm text-slate-700">
                <InlineText text={view.operation.description} />
              </p>
              <div className="mt-4 space-y-5">
                <section aria-label={`${view.operation.summary}: headers`}>
                  <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Headers</h4>
                  <ParameterTable
                    document={document}
                    parameters={headers}
                    caption={`Headers of a ${view.operation.summary} delivery`}
                  />
                </section>
                <section aria-label={`${view.operation.summary}: example delivery`}>
                  <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
                    Example delivery
                  </h4>
                  <CodeBlock
                    code={deliveryExample(document, view)}
                    label={`Example ${view.operation.summary} delivery`}
                  />
                </section>
                <section aria-label={`${view.operation.summary}: verify`}>
                  <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Verify</h4>
                  <CodeTabs
                    label={`Verify: ${view.operation.summary}`}
                    tabs={samples.map((sample) => ({
                      id: sample.lang,
                      label: sample.label,
                      install: sample["x-install"],
                      code: sample.source,
                    }))}
                  />
                </section>
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}
