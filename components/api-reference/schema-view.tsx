import { InlineText } from "./inline-text";
import {
  constraints,
  properties,
  resolve,
  typeLabel,
  type JsonSchema,
  type Property,
  type SchemaDocument,
} from "./schema";

/** One row per field, nested fields after their parent, indented: a flat list, as a table body wants. */
function rows(document: SchemaDocument, fields: Property[], depth = 0, path = ""): React.ReactNode[] {
  return fields.flatMap((field) => {
    const key = `${path}/${field.name}`;
    const rules = constraints(resolve(document, field.schema));
    const description = field.schema.description ?? resolve(document, field.schema).description;
    return [
      <tr
        key={key}
        className="align-top max-sm:grid max-sm:grid-cols-[auto_minmax(0,1fr)] max-sm:items-baseline max-sm:gap-x-3 max-sm:py-2"
      >
        <th scope="row" className="py-2 pr-4 text-left font-normal max-sm:p-0">
          <span className="flex items-baseline gap-1" style={{ paddingLeft: `${depth * 1.25}rem` }}>
            {depth > 0 && (
              <span aria-hidden="true" className="text-slate-400">
                └
              </span>
            )}
            <code className="font-mono text-[13px] font-medium text-slate-900">
              {field.name === "*" ? "any other key" : field.name}
            </code>
          </span>
        </th>
        <td className="py-2 pr-4 font-mono text-xs text-slate-700 max-sm:p-0">
          {typeLabel(document, field.schema)}
          {field.required && (
            <span className="ml-2 font-sans text-[11px] font-semibold uppercase tracking-wide text-amber-800">
              required
            </span>
          )}
        </td>
        <td className="py-2 text-sm text-slate-700 max-sm:col-span-2 max-sm:p-0 max-sm:pt-1">
          <InlineText text={description} />
          {rules.length > 0 && <p className="mt-0.5 text-xs text-slate-600">{rules.join(" · ")}</p>}
        </td>
      </tr>,
      ...rows(document, field.nested, depth + 1, key),
    ];
  });
}

/** An object schema as a table of its fields (nested fields indented); any other schema as its type and rules. */
export function SchemaView({
  document,
  schema,
  caption,
}: {
  document: SchemaDocument;
  schema: JsonSchema | undefined;
  caption: string;
}) {
  const fields = properties(document, schema);
  if (!fields.length) {
    const rules = constraints(resolve(document, schema));
    return (
      <p className="text-sm text-slate-700">
        <span className="font-mono text-xs">{typeLabel(document, schema)}</span>
        {rules.length > 0 && <span className="text-xs text-slate-600"> · {rules.join(" · ")}</span>}
      </p>
    );
  }
  return (
    // Below 640 px each field stacks: its name and type on a line, the description under them.
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm max-sm:block">
        <caption className="sr-only">{caption}</caption>
        <thead className="max-sm:sr-only">
          <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-600">
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Field
            </th>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Type
            </th>
            <th scope="col" className="py-1.5 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">{rows(document, fields)}</tbody>
      </table>
    </div>
  );
}
