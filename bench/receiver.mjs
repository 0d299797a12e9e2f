// The benchmark's receiver, in its own process: answers 200 at once, counts requests, and (when asked) notes when
// each X-Lago-Unique-Key arrived. Driven over IPC by bench/run.ts.
import http from "node:http";

let count = 0;
let recording = false;
/** unique key -> arrival time (ms since the epoch, sub-millisecond) */
let arrivals = new Map();
const now = () => performance.timeOrigin + performance.now();

const server = http.createServer((req, res) => {
  req.on("data", () => undefined);
  req.on("end", () => {
    count += 1;
    if (recording) {
      const key = req.headers["x-lago-unique-key"];
      if (typeof key === "string" && !arrivals.has(key)) arrivals.set(key, now());
    }
    res.writeHead(200, { "Content-Length": "2" });
    res.end("ok");
  });
});
server.keepAliveTimeout = 60_000;
server.maxRequestsPerSocket = 0;

process.on("message", (message) => {
  switch (message.type) {
    case "count":
      process.send({ type: "count", count });
      break;
    case "record":
      recording = message.on;
      if (message.on) arrivals = new Map();
      process.send({ type: "record" });
      break;
    case "arrivals":
      process.send({ type: "arrivals", arrivals: [...arrivals] });
      break;
    default:
      break;
  }
});

server.listen(0, "127.0.0.1", () => process.send({ type: "ready", port: server.address().port }));
process.on("disconnect", () => process.exit(0));
