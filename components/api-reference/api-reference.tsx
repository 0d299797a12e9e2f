import { CodeBlock } from "./code-block";
import { InlineText } from "./inline-text";
import { MethodBadge } from "./method-badge";
import { deliveries, operationsByTag, type ReferenceDocument } from "./model";
import { ERROR_SCHEMA, OperationView } from "./operation-view";
import type { JsonSchema } from "./schema";
import { SchemaView } from "./schema-view";
import { VerifySignatures } from "./verify-signatures";

/** Developers > API reference: the OpenAPI document as a page, grouped by tag, then how to verify deliveries. */
export function ApiReference({
  document,
  documentUrl,
  apiKeysHref,
}: {
  document: ReferenceDocument;
  documentUrl: string;
  /** The organization's API keys page. */
  apiKeysHref: string;
}) {
  const tags = operationsByTag(document);
  const schemes = deliveries(document);
  const server = document.servers?.[0]?.url ?? "";
  const errorSchema = document.components?.schemas?.[ERROR_SCHEMA] as JsonSchema | undefined;
  return (
    <div className="lg:grid lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-10">
      <nav aria-label="API reference" className="mb-8 lg:sticky lg:top-6 lg:mb-0 lg:self-start">
        <ul className="space-y-4 text-sm">
          {tags.map((tag) => (
            <li key={tag.id}>
              <a href={`#${tag.id}`} className="font-semibold text-slate-900 hover:text-brand-700">
                {tag.name}
              </a>
              <ul className="mt-1.5 space-y-1 border-l border-slate-200 pl-3">
                {tag.operations.map((view) => (
                  <li key={view.id}>
                    <a href={`#${view.id}`} className="block text-slate-600 hover:text-brand-700">
                      {view.operation.summary}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {schemes.length > 0 && (
            <li>
              <a href="#verify-signatures" className="font-semibold text-slate-900 hover:text-brand-700">
                Verify signatures
              </a>
              <ul className="mt-1.5 space-y-1 border-l border-slate-200 pl-3">
                {schemes.map((view) => (
                  <li key={view.id}>
                    <a href={`#${view.id}`} className="block text-slate-600 hover:text-brand-700">
                      {view.operation.summary}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          )}
        </ul>
      </nav>

      <div className="min-w-0 space-y-12">
        <section aria-labelledby="api-overview-heading">
          <h2 id="api-overview-heading" className="text-lg font-semibold text-slate-900">
            {document.info?.title ?? "API"}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-700">
            <InlineText text={document.info?.description} />
          </p>
          <dl className="mt-4 grid max-w-3xl gap-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
            <dt className="font-medium text-slate-900">Base URL</dt>
            <dd>
              <code className="break-all font-mono text-xs text-slate-800">{server}</code>
            </dd>
            <dt className="font-medium text-slate-900">Authentication</dt>
            <dd className="text-slate-700">
              An API key from{" "}
              <a href={apiKeysHref} className="font-medium text-brand-700 underline underline-offset-2">
                API keys
              </a>
              , sent as <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>. Errors use
              Lago&apos;s shape: <code className="font-mono text-xs">{`{"status", "error", "code"}`}</code>, with{" "}
              <code className="font-mono text-xs">error_details</code> on a 422.
            </dd>
            <dt className="font-medium text-slate-900">OpenAPI 3.1</dt>
            <dd className="text-slate-700">
              <a href={documentUrl} className="font-medium text-brand-700 underline underline-offset-2">
                openapi.json
              </a>{" "}
              (public, no key), to generate a client or load into an API tool.
            </dd>
          </dl>
          <div className="mt-4 max-w-3xl">
            <CodeBlock code={`curl ${documentUrl}`} label="Download the OpenAPI document" />
          </div>
          {errorSchema && (
            <section id="errors" aria-labelledby="errors-heading" className="mt-8 max-w-3xl scroll-mt-6">
              <h3 id="errors-heading" className="text-sm font-semibold text-slate-900">
                Errors
              </h3>
              <p className="mt-1 text-sm text-slate-700">
                <InlineText text={errorSchema.description} /> Each operation lists the statuses it can answer.
              </p>
              <div className="mt-3">
                <SchemaView
                  document={document}
                  schema={{ $ref: `#/components/schemas/${ERROR_SCHEMA}` }}
                  caption="Lago's error body"
                />
              </div>
            </section>
          )}
        </section>

        {tags.map((tag) => (
          <section key={tag.id} id={tag.id} aria-labelledby={`${tag.id}-heading`} className="scroll-mt-6">
            <h2 id={`${tag.id}-heading`} className="text-lg font-semibold text-slate-900">
              {tag.name}
            </h2>
            {tag.description && (
              <p className="mt-1 max-w-3xl text-sm text-slate-700">
                <InlineText text={tag.description} />
              </p>
            )}
            <ul className="mt-3 space-y-1 text-sm" aria-label={`${tag.name} operations`}>
              {tag.operations.map((view) => (
                <li key={view.id}>
                  <a href={`#${view.id}`} className="inline-flex items-center gap-3 hover:text-brand-700">
                    <MethodBadge method={view.method} />
                    <code className="font-mono text-xs text-slate-800">{view.path}</code>
                  </a>
                </li>
              ))}
            </ul>
            <div className="mt-5 space-y-6">
              {tag.operations.map((view) => (
                <OperationView key={view.id} document={document} view={view} />
              ))}
            </div>
          </section>
        ))}

        {schemes.length > 0 && <VerifySignatures document={document} deliveries={schemes} />}
      </div>
    </div>
  );
}
