import { ChevronDownIcon } from "@/components/ui/icons";
import { JsonView } from "@/components/ui/json-view";
import { CodeBlock } from "./code-block";
import { InlineText } from "./inline-text";
import { MethodBadge } from "./method-badge";
import { curlExample, exampleOf, type OperationView as View, type Parameter, type ReferenceDocument } from "./model";
import { constraints, refName, typeLabel } from "./schema";

/** The error schema every error answer shares: described once, in the overview. */
export const ERROR_SCHEMA = "LagoError";
import { SchemaView } from "./schema-view";

function Subheading({ children }: { children: React.ReactNode }) {
  return <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{children}</h4>;
}

export function ParameterTable({
  document,
  parameters,
  caption,
}: {
  document: ReferenceDocument;
  parameters: Parameter[];
  caption: string;
}) {
  return (
    // Below 640 px each parameter stacks: name, place and type on a line, the description under them.
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm max-sm:block">
        <caption className="sr-only">{caption}</caption>
        <thead className="max-sm:sr-only">
          <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-600">
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Name
            </th>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              In
            </th>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Type
            </th>
            <th scope="col" className="py-1.5 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">
          {parameters.map((parameter) => {
            const rules = parameter.schema ? constraints(parameter.schema) : [];
            return (
              <tr
                key={`${parameter.in}-${parameter.name}`}
                className="align-top max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:py-2"
              >
                <th scope="row" className="whitespace-nowrap py-2 pr-4 text-left font-normal max-sm:p-0">
                  <code className="font-mono text-[13px] font-medium text-slate-900">{parameter.name}</code>
                </th>
                <td className="py-2 pr-4 text-xs text-slate-700 max-sm:p-0">{parameter.in}</td>
                <td className="py-2 pr-4 font-mono text-xs text-slate-700 max-sm:p-0">
                  {typeLabel(document, parameter.schema)}
                  {parameter.required && (
                    <span className="ml-2 font-sans text-[11px] font-semibold uppercase tracking-wide text-amber-800">
                      required
                    </span>
                  )}
                </td>
                <td className="py-2 text-sm text-slate-700 max-sm:basis-full max-sm:p-0 max-sm:pt-1">
                  <InlineText text={parameter.description} />
                  {rules.length > 0 && <p className="mt-0.5 text-xs text-slate-600">{rules.join(" · ")}</p>}
                  {parameter.schema?.example !== undefined && (
                    <p className="mt-0.5 text-xs text-slate-600">
                      Example:{" "}
                      <code className="break-all font-mono text-slate-800">{String(parameter.schema.example)}</code>
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function statusTone(status: string): string {
  return status.startsWith("2")
    ? "text-emerald-800 bg-emerald-50 ring-emerald-600/20"
    : "text-red-800 bg-red-50 ring-red-600/20";
}

/** One operation: what it does, its parameters, its body and every answer, each with an example. */
export function OperationView({ document, view }: { document: ReferenceDocument; view: View }) {
  const { operation } = view;
  const title = `${view.method.toUpperCase()} ${view.path}`;
  const body = operation.requestBody?.content?.["application/json"];
  const bodyExample = exampleOf(document, body);
  return (
    <article
      id={view.id}
      aria-labelledby={`${view.id}-title`}
      className="scroll-mt-6 rounded-xl bg-white p-5 ring-1 ring-slate-200"
    >
      <h3 id={`${view.id}-title`} className="flex flex-wrap items-center gap-3">
        <MethodBadge method={view.method} />
        <code className="font-mono text-sm font-semibold text-slate-900">{view.path}</code>
        <span className="text-sm font-medium text-slate-700">{operation.summary}</span>
      </h3>
      {operation.description && (
        <p className="mt-2 text-sm text-slate-700">
          <InlineText text={operation.description} />
        </p>
      )}
      {operation.security?.length === 0 && (
        <p className="mt-2 text-xs font-medium text-slate-600">No API key needed.</p>
      )}

      <div className="mt-5 space-y-6">
        {operation.parameters && operation.parameters.length > 0 && (
          <section aria-label={`${title}: parameters`}>
            <Subheading>Parameters</Subheading>
            <ParameterTable document={document} parameters={operation.parameters} caption={`Parameters of ${title}`} />
          </section>
        )}
        {body && (
          <section aria-label={`${title}: request body`}>
            <Subheading>Request body</Subheading>
            <SchemaView document={document} schema={body.schema} caption={`Request body of ${title}`} />
            {bodyExample !== undefined && (
              <JsonView value={JSON.stringify(bodyExample)} label={`Example body of ${title}`} className="mt-3" />
            )}
          </section>
        )}
        <section aria-label={`${title}: example request`}>
          <Subheading>Example request</Subheading>
          <CodeBlock code={curlExample(document, view)} label={`Example request for ${title}`} />
        </section>
        <section aria-label={`${title}: responses`}>
          <Subheading>Responses</Subheading>
          <ul className="space-y-2">
            {Object.entries(operation.responses ?? {}).map(([status, response]) => {
              const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
              const example = exampleOf(document, media);
              return (
                <li key={status}>
                  <details open={status.startsWith("2")} className="group rounded-lg ring-1 ring-slate-200">
                    <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-2 text-sm">
                      <ChevronDownIcon
                        aria-hidden="true"
                        className="size-4 shrink-0 -rotate-90 text-slate-500 transition-transform group-open:rotate-0"
                      />
                      <span
                        className={`rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${statusTone(status)}`}
                      >
                        {status}
                      </span>
                      <span className="text-slate-700">
                        <InlineText text={response.description} />
                      </span>
                    </summary>
                    {media && (
                      <div className="space-y-3 border-t border-slate-100 px-3 py-3">
                        <p className="text-xs text-slate-600">
                          <code className="font-mono">{contentType}</code>
                        </p>
                        {refName(media.schema) === ERROR_SCHEMA ? (
                          <p className="text-xs text-slate-600">
                            <a href="#errors" className="font-medium text-brand-700 underline underline-offset-2">
                              Lago&apos;s error shape
                            </a>
                            , for example:
                          </p>
                        ) : (
                          <SchemaView
                            document={document}
                            schema={media.schema}
                            caption={`Answer ${status} of ${title}`}
                          />
                        )}
                        {example !== undefined && (
                          <JsonView
                            value={typeof example === "string" ? example : JSON.stringify(example)}
                            label={`Example answer ${status} of ${title}`}
                            tone={status.startsWith("2") ? "default" : "error"}
                          />
                        )}
                      </div>
                    )}
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </article>
  );
}
