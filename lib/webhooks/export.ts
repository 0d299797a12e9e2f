import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/models";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { logUnexpected } from "@/lib/observability/logger";
import type { OrgScope } from "@/lib/tenancy/context";
import { encodeCursor, logWhere } from "./queries";
import { parseLogFilters, type LogFilters } from "./log-filters";
import { idSchema, isId } from "./schemas";

/**
 * Export of a log (one endpoint's or every endpoint's) under its filters, as CSV or NDJSON, streamed: the rows are
 * read a page at a time by the log's own keyset cursor and each page is written before the next is read, so memory
 * holds one page whatever the size of the log, and a client that stops reading stops the queries.
 */

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Rows per query: the most an export holds in memory at once. */
export const EXPORT_PAGE_SIZE = 500;

const exportSelect = {
  id: true,
  eventId: true,
  endpointId: true,
  endpoint: { select: { url: true } },
  webhookType: true,
  objectType: true,
  objectId: true,
  status: true,
  lastHttpStatus: true,
  lastError: true,
  retries: true,
  attemptCount: true,
  createdAt: true,
  deliveredAt: true,
  nextAttemptAt: true,
} as const;

/** One exported row: the log's fields under stable snake_case names, times in ISO 8601 UTC. */
export type ExportRow = {
  unique_key: string;
  event_id: string;
  endpoint_id: string;
  endpoint_url: string;
  webhook_type: string;
  object_type: string;
  object_id: string | null;
  status: string;
  http_status: number | null;
  error: string | null;
  retries: number;
  attempts: number;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string | null;
};

export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
  "unique_key",
  "event_id",
  "endpoint_id",
  "endpoint_url",
  "webhook_type",
  "object_type",
  "object_id",
  "status",
  "http_status",
  "error",
  "retries",
  "attempts",
  "created_at",
  "delivered_at",
  "next_attempt_at",
];

/**
 * The log's rows newest first, one page per iteration (at most `pageSize` rows, `pageSize + 1` read to know if
 * there is more). `endpointId` null: every endpoint. Filters are already parsed (`parseLogFilters`).
 */
export async function* exportPages(
  scope: OrgScope,
  endpointId: string | null,
  filters: LogFilters,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRow[]> {
  const endpoint = endpointId === null ? null : parseInput(idSchema, endpointId);
  let cursor: string | null = null;
  do {
    const rows: Prisma.WebhookGetPayload<{ select: typeof exportSelect }>[] = await getDb().webhook.findMany({
      where: await logWhere(scope, endpoint, filters, cursor),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize + 1,
      select: exportSelect,
    });
    const page = rows.slice(0, pageSize);
    cursor = rows.length > pageSize ? encodeCursor(page[page.length - 1]) : null;
    yield page.map((row) => ({
      unique_key: row.id,
      event_id: row.eventId,
      endpoint_id: row.endpointId,
      endpoint_url: row.endpoint.url,
      webhook_type: row.webhookType,
      object_type: row.objectType,
      object_id: row.objectId,
      status: row.status,
      http_status: row.lastHttpStatus,
      error: row.lastError,
      retries: row.retries,
      attempts: row.attemptCount,
      created_at: row.createdAt.toISOString(),
      delivered_at: row.deliveredAt?.toISOString() ?? null,
      next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
    }));
  } while (cursor);
}

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A text starting with `=`, `+`, `-`, `@`
 * or a tab is prefixed with `'` so a spreadsheet shows it instead of running it (object ids come from API callers).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLines(rows: ExportRow[]): string {
  return rows.map((row) => `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`).join("");
}

/** The pages as a byte stream in the format: CSV with a header line, or one JSON object per line. */
export function exportStream(pages: AsyncIterator<ExportRow[]>, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  // Pull-based: the next page is read only when the consumer has taken the previous one.
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = "";
        if (!started && format === "csv") text = `${EXPORT_COLUMNS.join(",")}\r\n`;
        started = true;
        let next: IteratorResult<ExportRow[]>;
        try {
          next = await pages.next();
        } catch (error) {
          // The answer has begun (200): the download ends unfinished, which the browser reports as failed.
          logUnexpected("webhook export", error);
          controller.error(error);
          return;
        }
        if (!next.done) {
          text +=
            format === "csv" ? csvLines(next.value) : next.value.map((row) => `${JSON.stringify(row)}\n`).join("");
        }
        if (text) controller.enqueue(encoder.encode(text));
        if (next.done) controller.close();
      },
      async cancel() {
        await pages.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * What an export asks for, from its URL: `format` (csv or ndjson), the log's filters, and `endpoint` (one
 * endpoint's log; absent: every endpoint). A wrong value is an InvalidInput error (422), an impossible id NotFound.
 */
export function parseExportRequest(search: URLSearchParams): {
  format: ExportFormat;
  endpointId: string | null;
  filters: LogFilters;
} {
  const format = search.get("format") ?? "csv";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new AppError(AppErrorCode.InvalidInput, `Format must be one of ${EXPORT_FORMATS.join(", ")}.`);
  const endpoint = search.get("endpoint") || null;
  if (endpoint !== null && !isId(endpoint)) throw new AppError(AppErrorCode.NotFound, "This endpoint does not exist.");
  return { format: format as ExportFormat, endpointId: endpoint, filters: parseLogFilters(search) };
}

/** "hookline-webhooks-2026-12-01T1405Z.csv": what the download is saved as. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/:/g, "");
  return `hookline-webhooks-${stamp}Z.${format}`;
}
