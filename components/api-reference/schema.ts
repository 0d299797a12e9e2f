// Reading the OpenAPI document's JSON Schemas for display: references resolved, a type in words, the constraints.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  example?: unknown;
};

export type SchemaDocument = { components?: { schemas?: Record<string, unknown> } };

const REF_PREFIX = "#/components/schemas/";

/** The component name of a `$ref`, or null. */
export function refName(schema: JsonSchema | undefined): string | null {
  return schema?.$ref?.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : null;
}

/** The schema a `$ref` points at (the schema itself when it is not one). */
export function resolve(document: SchemaDocument, schema: JsonSchema | undefined): JsonSchema {
  const name = refName(schema);
  return (name ? (document.components?.schemas?.[name] as JsonSchema | undefined) : schema) ?? {};
}

/** The alternatives of a union, `null` left out, and whether `null` is one of them. */
function alternatives(schema: JsonSchema): { options: JsonSchema[]; nullable: boolean } {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const options = union.filter((option) => option.type !== "null");
    return { options, nullable: options.length < union.length };
  }
  return { options: [schema], nullable: Array.isArray(schema.type) && schema.type.includes("null") };
}

/** The type in words: `string`, `integer`, `WebhookEndpoint`, `array of string`, `"jwt" | "hmac"`, `string | null`. */
export function typeLabel(document: SchemaDocument, schema: JsonSchema | undefined): string {
  if (!schema) return "any";
  const { options, nullable } = alternatives(schema);
  const labels = options.map((option) => {
    const name = refName(option);
    if (name) return name;
    if (option.const !== undefined) return JSON.stringify(option.const);
    if (option.enum) return option.enum.map((value) => JSON.stringify(value)).join(" | ");
    const types = (Array.isArray(option.type) ? option.type : option.type ? [option.type] : []).filter(
      (type) => type !== "null",
    );
    return (
      types
        .map((type) => {
          if (type === "array") return `array of ${typeLabel(document, option.items)}`;
          if (type === "object" && !option.properties && typeof option.additionalProperties === "object") {
            return Object.keys(option.additionalProperties).length
              ? `map of ${typeLabel(document, option.additionalProperties)}`
              : "object";
          }
          return option.format ? `${type} (${option.format})` : type;
        })
        .join(" | ") || "any"
    );
  });
  return [...labels, ...(nullable ? ["null"] : [])].join(" | ");
}

/** The rules a value must follow, in words: lengths, ranges, pattern, default. */
export function constraints(schema: JsonSchema): string[] {
  const rules: string[] = [];
  const { options } = alternatives(schema);
  const plain = options.length === 1 ? options[0] : schema;
  if (plain.minLength !== undefined && plain.maxLength !== undefined)
    rules.push(`${plain.minLength}–${plain.maxLength} characters`);
  else if (plain.maxLength !== undefined) rules.push(`at most ${plain.maxLength} characters`);
  else if (plain.minLength !== undefined) rules.push(`at least ${plain.minLength} characters`);
  if (plain.minimum !== undefined) rules.push(`≥ ${plain.minimum}`);
  if (plain.maximum !== undefined) rules.push(`≤ ${plain.maximum}`);
  if (plain.minItems !== undefined) rules.push(`at least ${plain.minItems} item${plain.minItems === 1 ? "" : "s"}`);
  if (plain.maxItems !== undefined) rules.push(`at most ${plain.maxItems} items`);
  if (plain.pattern) rules.push(`matches ${plain.pattern}`);
  const items = plain.items;
  if (items?.pattern) rules.push(`each matches ${items.pattern}`);
  if (schema.default !== undefined) rules.push(`default ${JSON.stringify(schema.default)}`);
  return rules;
}

export type Property = { name: string; schema: JsonSchema; required: boolean; nested: Property[] };

const MAX_DEPTH = 4;

/**
 * The fields of an object schema (resolved, nullable unwrapped), each with its own fields when it is an object or an
 * array of objects; any other key (`additionalProperties` with a schema) as `*`.
 */
export function properties(document: SchemaDocument, schema: JsonSchema | undefined, depth = 0): Property[] {
  if (!schema || depth > MAX_DEPTH) return [];
  const resolved = resolve(document, schema);
  const { options } = alternatives(resolved);
  const object = options.length === 1 ? resolve(document, options[0]) : resolved;
  if (object.type === "array" || (Array.isArray(object.type) && object.type.includes("array")))
    return properties(document, object.items, depth);
  const required = new Set(object.required ?? []);
  const fields = Object.entries(object.properties ?? {}).map(([name, field]) => ({
    name,
    schema: field,
    required: required.has(name),
    nested: properties(document, field, depth + 1),
  }));
  const rest = object.additionalProperties;
  if (object.properties && rest && typeof rest === "object" && Object.keys(rest).length) {
    fields.push({ name: "*", schema: rest, required: false, nested: [] });
  }
  return fields;
}
