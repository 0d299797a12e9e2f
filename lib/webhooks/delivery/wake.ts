import fs from "node:fs";
import net from "node:net";
import pg from "pg";
import { config } from "@/lib/config";

/**
 * The wake-up channel between a web process and a delivery worker in its own process (`npm start`'s default).
 * PostgreSQL: NOTIFY on WAKE_CHANNEL, which every instance's worker LISTENs to. SQLite: a byte on the worker's
 * local socket (HOOKLINE_WORKER_SOCKET, set by `npm start`). The same socket answers the worker's status, which
 * GET /api/health of the web process reports. A lost wake-up costs at most the worker's tick (one second).
 */

export const WAKE_CHANNEL = "hookline_wake";

/** The worker's state as GET /api/health reports it (loop.ts's workerStatus()). */
export type RemoteWorkerStatus = {
  enabled: boolean;
  running: boolean;
  lastPassAt: string | null;
  lastError: string | null;
  inFlight: number;
};

/** Whether this process's worker runs in a process of its own (then wakeWorker() goes through this channel). */
export function workerRunsApart(): boolean {
  const { enabled, socket } = config().worker;
  return enabled && socket !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// The web process's side.

type Sender = { busy: boolean; again: boolean; client: pg.Client | null; socket: net.Socket | null; retryAt: number };
const globalForWake = globalThis as unknown as { hooklineWakeSender?: Sender };
const sender = (): Sender =>
  (globalForWake.hooklineWakeSender ??= { busy: false, again: false, client: null, socket: null, retryAt: 0 });

async function notifyPg(state: Sender): Promise<void> {
  if (!state.client) {
    const client = new pg.Client({ connectionString: config().database.url });
    client.on("error", () => undefined);
    client.on("end", () => {
      if (state.client === client) state.client = null;
    });
    state.client = client;
    await client.connect();
  }
  await state.client.query(`NOTIFY ${WAKE_CHANNEL}`);
}

function pingSocket(state: Sender, path: string): void {
  if (state.socket && !state.socket.destroyed) {
    state.socket.write("w");
    return;
  }
  if (Date.now() < state.retryAt) return;
  const socket = net.createConnection(path);
  socket.on("error", () => {
    // The worker is restarting: try again in a moment; its tick covers the gap.
    state.retryAt = Date.now() + 200;
    socket.destroy();
  });
  socket.on("close", () => {
    if (state.socket === socket) state.socket = null;
  });
  socket.unref();
  state.socket = socket;
  socket.write("w");
}

/**
 * Wakes the worker of another process: a byte on its socket (SQLite) or a NOTIFY (PostgreSQL, which wakes every
 * instance's worker). Never waits, never throws; NOTIFYs are coalesced: one in flight, at most one more queued.
 */
export function wakeRemoteWorker(): void {
  const { database, worker } = config();
  const state = sender();
  if (database.provider !== "postgresql") {
    if (worker.socket) pingSocket(state, worker.socket);
    return;
  }
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  const send = (): void => {
    state.again = false;
    notifyPg(state)
      .catch(() => {
        state.client?.end().catch(() => undefined);
        state.client = null;
      })
      .finally(() => {
        if (state.again) send();
        else state.busy = false;
      });
  };
  send();
}

/** The worker's status over its socket, or null when it does not answer within `timeoutMs` (restarting, gone). */
export function remoteWorkerStatus(timeoutMs = 1000): Promise<RemoteWorkerStatus | null> {
  const path = config().worker.socket;
  if (!path) return Promise.resolve(null);
  return new Promise((resolve) => {
    let text = "";
    const socket = net.createConnection(path);
    const done = (status: RemoteWorkerStatus | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write("s"));
    socket.on("data", (chunk: string) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end === -1) return;
      try {
        done(JSON.parse(text.slice(0, end)) as RemoteWorkerStatus);
      } catch {
        done(null);
      }
    });
    socket.on("error", () => done(null));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The worker process's side.

/**
 * Serves the worker's socket (`w`: wake; `s`: its status as one JSON line) and, on PostgreSQL, LISTENs to
 * WAKE_CHANNEL (reconnecting after a second when the connection drops). Returns a function that closes both.
 */
export async function serveWakeUps(opts: {
  wake: () => void;
  status: () => RemoteWorkerStatus;
  log?: (line: string) => void;
}): Promise<() => Promise<void>> {
  const { database, worker } = config();
  const closers: (() => Promise<void>)[] = [];
  let closed = false;

  if (worker.socket) {
    const path = worker.socket;
    // A socket file left by a worker that was killed: nobody listens on it any more.
    fs.rmSync(path, { force: true });
    const server = net.createServer((socket) => {
      socket.on("error", () => socket.destroy());
      socket.on("data", (chunk: Buffer) => {
        if (chunk.includes(0x77 /* w */)) opts.wake();
        if (chunk.includes(0x73 /* s */)) socket.write(`${JSON.stringify(opts.status())}\n`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          fs.rmSync(path, { force: true });
        }),
    );
  }

  if (database.provider === "postgresql") {
    let client: pg.Client | null = null;
    let failures = 0;
    const connect = async (): Promise<void> => {
      if (closed) return;
      const next = new pg.Client({ connectionString: database.url });
      const retry = () => {
        if (client !== next) return;
        client = null;
        next.end().catch(() => undefined);
        failures += 1;
        if (failures === 1) opts.log?.("[hookline] the wake-up channel (LISTEN) dropped; reconnecting");
        // Deliveries are still claimed on the worker's tick meanwhile.
        if (!closed) setTimeout(() => void connect(), Math.min(1000 * failures, 5000)).unref();
      };
      client = next;
      next.on("error", retry);
      next.on("end", retry);
      next.on("notification", () => opts.wake());
      try {
        await next.connect();
        await next.query(`LISTEN ${WAKE_CHANNEL}`);
        failures = 0;
        // Work announced while the connection was down is claimed now.
        opts.wake();
      } catch {
        retry();
      }
    };
    await connect();
    closers.push(async () => {
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    });
  }

  return async () => {
    closed = true;
    await Promise.all(closers.map((close) => close()));
  };
}
