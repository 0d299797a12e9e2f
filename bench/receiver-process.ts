// The benchmark's receiver, in its own process so that it never competes with the bench's own event loop: the
// shared loopback receiver (lib/test/receivers.ts), answering 200 at once, counting requests and (when asked)
// noting when each X-Lago-Unique-Key arrived. Driven over IPC by bench/receiver.ts.
import { startReceiver } from "@/lib/test/receivers";

let count = 0;
let recording = false;
/** unique key -> arrival time (ms since the epoch, sub-millisecond) */
let arrivals = new Map<string, number>();
const now = () => performance.timeOrigin + performance.now();

type Message = { type: "count" } | { type: "record"; on: boolean } | { type: "arrivals" };
const send = (message: Record<string, unknown>) => process.send?.(message);

const receiver = await startReceiver(
  (request, response) => {
    count += 1;
    if (recording) {
      const key = request.headers["x-lago-unique-key"];
      if (typeof key === "string" && !arrivals.has(key)) arrivals.set(key, now());
    }
    response.writeHead(200, { "Content-Length": "2" }).end("ok");
  },
  // Counting only; and connections stay open through the pauses between runs, as the app's keep-alive agent expects.
  { record: false, keepAliveTimeoutMs: 60_000 },
);

process.on("message", (message: Message) => {
  switch (message.type) {
    case "count":
      send({ type: "count", count });
      break;
    case "record":
      recording = message.on;
      if (message.on) arrivals = new Map();
      send({ type: "record" });
      break;
    case "arrivals":
      send({ type: "arrivals", arrivals: [...arrivals] });
      break;
  }
});

send({ type: "ready", port: Number(new URL(receiver.origin).port) });
process.on("disconnect", () => process.exit(0));
