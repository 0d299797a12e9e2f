import { answerScrape } from "@/lib/observability/metrics-http";

export const dynamic = "force-dynamic";

/** Prometheus scrapes: on the public port only with HOOKLINE_METRICS_TOKEN as a bearer token (404 without one). */
export async function GET(request: Request) {
  const answer = await answerScrape(request.headers.get("authorization"), true);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
