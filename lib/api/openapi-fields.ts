import { z } from "zod";

// The API's shapes for the OpenAPI document (openapi-<resource>.ts). Requests are the very zod schemas the routes
// validate with (descriptions and examples are added with zod's `.meta()`, which returns a copy); answers, which the
// routes build by hand, are declared beside them, tied to the routes' TypeScript types with SameKeys, and checked
// against real answers by openapi-conformance.test.ts.

/** A field's description and example in the document. */
export type FieldDoc = { description: string; example?: unknown };

/** A copy of a zod object with a description (and example) on each field; a field without one is an error. */
export function describeFields<S extends z.ZodObject>(schema: S, fields: { [K in keyof S["shape"]]: FieldDoc }): S {
  const described: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const meta = (fields as Record<string, FieldDoc | undefined>)[key];
    if (!meta) throw new Error(`OpenAPI: the field "${key}" has no description`);
    described[key] = field.meta(meta);
  }
  return schema.extend(described) as S;
}

/**
 * A request's fields under the API's names, each with the value schema our input is validated with (found through
 * `names`, ours to the API's) and its description: a field added to the request and not to the input schema, or not
 * described, fails here, at start-up. `overrides` changes a field's value schema for the document.
 */
export function documentedFields(
  what: string,
  request: z.ZodObject,
  names: Record<string, string>,
  values: Record<string, z.ZodType>,
  docs: Record<string, FieldDoc>,
  overrides: Record<string, (field: z.ZodType) => z.ZodType> = {},
): Record<string, z.ZodType> {
  const byApiName = Object.fromEntries(Object.entries(names).map(([ours, api]) => [api, ours]));
  const shape: Record<string, z.ZodType> = {};
  for (const apiName of Object.keys(request.shape)) {
    const value = values[byApiName[apiName]];
    const doc = docs[apiName];
    if (!value || !doc) throw new Error(`OpenAPI: ${what}.${apiName} has no value schema or no description`);
    shape[apiName] = (overrides[apiName] ?? ((field) => field))(value).meta(doc);
  }
  return shape;
}

/** An instant in an answer, as the routes write it. */
export const timestamp = (description: string) =>
  z.iso.datetime().meta({ description, example: "2026-11-26T09:00:00Z" });

/** True when A and B have the same keys: an answer schema and the type its route returns (a mismatch fails to compile). */
export type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
