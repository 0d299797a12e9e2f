// A loopback receiver for the fault suite: one server, one behaviour per path (switchable mid-test), counts by
// X-Lago-Unique-Key and the most requests each path had open at once.
import type http from "node:http";
import { startReceiver, type Handler, type ReceivedRequest, type Receiver } from "@/lib/test/receivers";

export type Behaviour = "ok" | "delayed" | "slow" | "hang" | "flaky" | "reset" | "fail-first";

export type FaultReceiver = {
  url(path: string): string;
  /** Changes what a path answers from now on. */
  set(path: string, behaviour: Behaviour): void;
  /** Requests per unique key (all paths). */
  byKey: Map<string, ReceivedRequest[]>;
  /** Requests per path. */
  count(path: string): number;
  /** The most requests a path had open at the same time. */
  peakOpen(path: string): number;
  /** Arrival time of the last request on a path. */
  lastAt(path: string): number;
  requests: ReceivedRequest[];
  waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void>;
  close(): Promise<void>;
};

const SLOW_MS = 1_000;
const DELAYED_MS = 300;

/** Deterministic per key: about one key in ten (for "fail-first"). */
const tenth = (key: string) => parseInt(key.replace(/-/g, "").slice(-4), 16) % 10 === 0;

export async function startFaultReceiver(behaviours: Record<string, Behaviour> = {}): Promise<FaultReceiver> {
  const paths = new Map<string, Behaviour>(Object.entries(behaviours));
  const byKey = new Map<string, ReceivedRequest[]>();
  const counts = new Map<string, number>();
  const open = new Map<string, number>();
  const peak = new Map<string, number>();
  const last = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();

  const handler: Handler = (request, response) => {
    const path = request.path.split("?")[0];
    const key = String(request.headers["x-lago-unique-key"] ?? "");
    const seen = byKey.get(key) ?? [];
    seen.push(request);
    byKey.set(key, seen);
    counts.set(path, (counts.get(path) ?? 0) + 1);
    last.set(path, request.receivedAt);
    const now = (open.get(path) ?? 0) + 1;
    open.set(path, now);
    peak.set(path, Math.max(peak.get(path) ?? 0, now));
    response.on("close", () => open.set(path, (open.get(path) ?? 1) - 1));

    const answer = (status: number) =>
      void response.writeHead(status, { "Content-Type": "text/plain" }).end(status === 200 ? "ok" : "nope");
    switch (paths.get(path) ?? "ok") {
      case "ok":
        return answer(200);
      case "delayed":
        return void setTimeout(() => answer(200), DELAYED_MS);
      case "slow":
        return void setTimeout(() => answer(200), SLOW_MS);
      case "hang":
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      case "flaky":
        return answer(Math.random() < 0.5 ? 500 : 200);
      case "reset":
        return void response.socket?.destroy();
      case "fail-first":
        return answer(seen.length === 1 && tenth(key) ? 500 : 200);
    }
  };
  const receiver: Receiver = await startReceiver(handler);
  return {
    url: (path) => `${receiver.origin}${path}`,
    set: (path, behaviour) => void paths.set(path, behaviour),
    byKey,
    count: (path) => counts.get(path) ?? 0,
    peakOpen: (path) => peak.get(path) ?? 0,
    lastAt: (path) => last.get(path) ?? 0,
    requests: receiver.requests,
    waitFor: async (predicate, timeoutMs, what) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      await receiver.close();
    },
  };
}
