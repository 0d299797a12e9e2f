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

const answerMatchesItsType: SameKeys<z.output<typeof paginationMetaSchema>, PaginationMeta> = true;
void answerMatchesItsType;
