import type { HeaderList } from "@/lib/webhooks/http";

/** Host and Content-Length: curl writes both from the URL and the body, with the same values. */
const CURL_SETS = new Set(["host", "content-length"]);

/** A value inside single quotes for a POSIX shell: `'` closes, is escaped, and reopens. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The attempt as a curl command an operator can paste into a shell: the same URL, headers (signatures included)
 * and body, byte for byte (`--data-raw`, so a leading `@` is not read as a file name).
 */
export function curlCommand(url: string, headers: HeaderList, body: string): string {
  const lines = [`curl -X POST ${shellQuote(url)}`];
  for (const [name, value] of headers) {
    if (!CURL_SETS.has(name.toLowerCase())) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  lines.push(`--data-raw ${shellQuote(body)}`);
  return lines.join(" \\\n  ");
}
