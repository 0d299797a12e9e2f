import { z } from "zod";
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, type PaginationMeta } from "@/lib/api/lago";
import type { SameKeys } from "./openapi-fields";

// Lago's paging: the lists' query and their answers' `meta`.

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).meta({ description: "The page, from 1.", example: 1 }),
  per_page: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PER_PAGE)
    .default(DEFAULT_PER_PAGE)
    .meta({ description: `Records per page, at most ${MAX_PER_PAGE}.`, example: DEFAULT_PER_PAGE }),
});

export const paginationMetaSchema = z
  .object({
    current_page: z.number().int().meta({ description: "The page returned." }),
    next_page: z.number().int().nullable().meta({ description: "The next page, or `null` on the last." }),
    prev_page: z.number().int().nullable().meta({ description: "The previous page, or `null` on the first." }),
    total_pages: z.number().int().meta({ description: "Pages in all (0 when there is nothing)." }),
    total_count: z.number().int().meta({ description: "Records in all." }),
  })
  .meta({ id: "PaginationMeta", description: "Lago's pagination `meta`." });

/** The `meta` of a list that fits on one page. */
const exampleOnePage: PaginationMeta = {
  current_page: 1,
  next_page: null,
  prev_page: null,
  total_pages: 1,
  total_count: 1,
};

/** Lago's list answer: a page of records under `key`, and `meta`; its example is one page of `example`. */
export function pageOf(key: string, record: z.ZodType, meta: { id: string; description: string; example: unknown }) {
  return z
    .object({ [key]: z.array(record).meta({ description: meta.description }), meta: paginationMetaSchema })
    .meta({ id: meta.id, example: { [key]: [meta.example], meta: exampleOnePage } });
}

const answerMatchesItsType: SameKeys<z.output<typeof paginationMetaSchema>, PaginationMeta> = true;
void answerMatchesItsType;
