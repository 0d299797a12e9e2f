// The log's export: the session first, then the request, then every matching row streamed a page at a time.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { signIn, signOut } from "@/lib/test/session";
import { parseLogFilters } from "@/lib/webhooks/log-filters";
import { EXPORT_COLUMNS, EXPORT_PAGE_SIZE, exportPages, exportStream, type ExportRow } from "@/lib/webhooks/export";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

vi.mock("next-auth", () => import("@/lib/test/session"));
const route = await import("./route");

let db: Db;
let teardown: () => Promise<void>;
let endpointId: string;
let otherId: string;
const ROWS = 1_234;
const T0 = Date.parse("2026-03-10T12:00:00.000Z");
// Values a CSV writer gets wrong: separators, quotes, line breaks, a formula, non-ASCII.
const TRICKY = ['inv,1 "quoted"', "line\nbreak\r\nend", '=HYPERLINK("http://x")', "€ ünïcode", "-12", "@sum"];

beforeAll(async () => {
  ({ db, teardown } = await setupTestDb());
});
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  await signIn(db);
  const endpoint = (url: string) =>
    db.webhookEndpoint
      .create({ data: { organizationId: DEFAULT_ORGANIZATION_ID, url, signatureAlgo: "hmac", secret: "s" } })
      .then((e) => e.id);
  endpointId = await endpoint("https://example.com/a");
  otherId = await endpoint("https://example.com/b");
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: "{}",
    },
  });
  // Several rows share each instant: the keyset must break ties by id without losing or repeating one.
  await db.webhook.createMany({
    data: Array.from({ length: ROWS }, (_, i) => ({
      organizationId: DEFAULT_ORGANIZATION_ID,
      eventId: event.id,
      endpointId: i % 10 === 8 ? otherId : endpointId,
      webhookType: i % 3 ? "invoice.created" : "customer.updated",
      objectType: "invoice",
      objectId: i < TRICKY.length ? TRICKY[i] : `inv_${i}`,
      status: i % 4 ? "succeeded" : "retrying",
      lastHttpStatus: i % 4 ? 200 : 500,
      attemptCount: 1,
      createdAt: new Date(T0 + Math.floor(i / 3) * 1000),
    })),
  });
});

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records; throws on anything malformed. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === "") {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`unterminated quote at ${i}`);
        if (text[j] === '"' && text[j + 1] === '"') {
          field += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else field += text[j++];
      }
      i = j + 1;
      if (text[i] !== "," && text.slice(i, i + 2) !== "\r\n") throw new Error(`text after a quote at ${i}`);
      continue;
    }
    if (text[i] === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (text.slice(i, i + 2) === "\r\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (text[i] === '"' || text[i] === "\n" || text[i] === "\r") {
      throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
    } else {
      field += text[i];
      i += 1;
    }
  }
  if (field || record.length) throw new Error("the last record does not end with CRLF");
  return records;
}

const download = (query: string, organizationId = DEFAULT_ORGANIZATION_ID) =>
  route.GET(new Request(`http://localhost/api/dashboard/o/${organizationId}/webhooks/export${query}`), {
    params: Promise.resolve({ organizationId }),
  });

describe(`exporting the log on ${testProvider}`, () => {
  it("streams every row of one endpoint's log as CSV: complete, once each, newest first, well formed", async () => {
    const response = await download(`?format=csv&endpoint=${endpointId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="hookline-webhooks-.+\.csv"$/);
    const [header, ...records] = parseCsv(await response.text());
    expect(header).toEqual(EXPORT_COLUMNS);
    const mine = await db.webhook.findMany({
      where: { endpointId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(mine.length).toBeGreaterThan(EXPORT_PAGE_SIZE * 2);
    expect(records.map((r) => r[0])).toEqual(mine.map((w) => w.id));
    expect(records.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
    const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    const objectIds = records.map((r) => r[column("object_id")]);
    // Tricky values come back whole; formulas are defused with a leading quote.
    expect(objectIds).toEqual(expect.arrayContaining(['inv,1 "quoted"', "line\nbreak\r\nend", "€ ünïcode"]));
    expect(objectIds).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://x")', "'-12", "'@sum"]));
    expect(records.every((r) => r[column("endpoint_url")] === "https://example.com/a")).toBe(true);
  });

  it("streams NDJSON under the log's filters, across every endpoint", async () => {
    const response = await download("?format=ndjson&status=failed&type=customer.updated");
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const text = await response.text();
    expect(text.endsWith("\n")).toBe(true);
    const rows = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as ExportRow);
    const expected = await db.webhook.count({ where: { status: "retrying", webhookType: "customer.updated" } });
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.unique_key)).size).toBe(expected);
    expect(new Set(rows.map((r) => r.endpoint_id))).toEqual(new Set([endpointId, otherId]));
    expect(rows.every((r) => r.status === "retrying" && r.http_status === 500)).toBe(true);
    expect(Object.keys(rows[0])).toEqual(EXPORT_COLUMNS);
    expect(rows.map((r) => r.object_id)).toContain('inv,1 "quoted"');
  });

  it("reads one page at a time, and stops reading when the download is abandoned", async () => {
    const pageSizes: number[] = [];
    const source = exportPages({ organizationId: DEFAULT_ORGANIZATION_ID }, endpointId, parseLogFilters({}), 100);
    let finished = false;
    const counted: AsyncIterator<ExportRow[]> = {
      async next() {
        const next = await source.next();
        if (!next.done) pageSizes.push(next.value.length);
        return next;
      },
      async return() {
        finished = true;
        return source.return(undefined);
      },
    };
    const reader = exportStream(counted, "ndjson").getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Nothing is read ahead of the consumer: one page for one chunk.
    expect(pageSizes).toEqual([100]);
    await reader.cancel();
    expect(finished).toBe(true);

    const all: number[] = [];
    for await (const page of exportPages(
      { organizationId: DEFAULT_ORGANIZATION_ID },
      endpointId,
      parseLogFilters({}),
      100,
    ))
      all.push(page.length);
    expect(Math.max(...all)).toBe(100);
    expect(all.reduce((a, b) => a + b, 0)).toBe(await db.webhook.count({ where: { endpointId } }));
  });

  it("an empty log is the header alone", async () => {
    const response = await download(`?endpoint=${endpointId}&q=nothing-matches-this`);
    expect(await response.text()).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
  });

  it("refuses a signed-out caller, a wrong format or filter, and an unknown endpoint, before any row", async () => {
    const status = async (query: string) => {
      const response = await download(query);
      return { status: response.status, body: (await response.json()) as { error: string } };
    };
    expect(await status("?format=xlsx")).toEqual({
      status: 422,
      body: { error: "Format must be one of csv, ndjson." },
    });
    expect((await status("?status=lost")).status).toBe(422);
    expect((await status("?from=2026-02-30")).status).toBe(422);
    expect((await status("?endpoint=nope")).status).toBe(404);
    expect((await status("?endpoint=a%00b")).status).toBe(404);
    signOut();
    expect((await status(`?endpoint=${endpointId}`)).status).toBe(401);
  });
});
