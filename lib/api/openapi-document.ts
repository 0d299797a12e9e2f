import { z } from "zod";

/** `GET /openapi.json`: this document. */
export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string().meta({ description: "The OpenAPI version.", example: "3.1.0" }),
    info: z
      .looseObject({
        title: z.string().meta({ description: "The API's name." }),
        version: z.string().meta({ description: "The API's version." }),
      })
      .meta({ description: "About the API." }),
  })
  .meta({ description: "An OpenAPI 3.1 document: `openapi`, `info`, `servers`, `paths`, `webhooks`, `components`." });
