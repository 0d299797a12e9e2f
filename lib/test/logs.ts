import { Writable } from "node:stream";
import { setLogDestinationForTests } from "@/lib/observability/logger";

export type LogLine = { level: string; msg: string; [field: string]: unknown };

/** Sends the logger's lines to memory until `restore()`: `raw` as written, `lines` parsed (one JSON object each). */
export function captureLogs(): { raw: string[]; lines: () => LogLine[]; restore(): void } {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  setLogDestinationForTests(sink);
  return {
    raw,
    lines: () => raw.map((line) => JSON.parse(line) as LogLine),
    restore: () => setLogDestinationForTests(undefined),
  };
}
