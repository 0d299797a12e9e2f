// GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API. Public, as Svix's is: it holds shapes, no data.
import { apiHandler, jsonResponse, publicBaseUrl } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiHandler(async (request: Request) =>
  // Any origin may read it (API tools and editors load it from the browser).
  jsonResponse(openApiDocument(publicBaseUrl(request.headers)), 200, { "Access-Control-Allow-Origin": "*" }),
);
