/** "404 Not Found", "500", or "" when there was no answer. */
export function responseLabel(code: number | null, reason: string | null): string {
  return code === null ? "" : reason ? `${code} ${reason}` : String(code);
}
