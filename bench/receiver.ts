// The benchmark's side of bench/receiver-process.ts: the receiver in its own process, asked over IPC.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

export type BenchReceiver = {
  port: number;
  url(pathname: string): string;
  count(): Promise<number>;
  record(on: boolean): Promise<void>;
  arrivals(): Promise<Map<string, number>>;
  pid: number;
  close(): Promise<void>;
};

export async function startBenchReceiver(): Promise<BenchReceiver> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "receiver-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<string, ((message: Record<string, unknown>) => void)[]>();
  child.on("message", (message: Record<string, unknown>) => waiting.get(String(message.type))?.shift()?.(message));
  const ask = (message: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const list = waiting.get(String(message.type)) ?? [];
      list.push(resolve);
      waiting.set(String(message.type), list);
      if (message.type !== "ready") child.send(message);
    });
  const { port } = (await ask({ type: "ready" })) as { port: number };
  return {
    port,
    pid: child.pid!,
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    count: async () => Number((await ask({ type: "count" })).count),
    record: async (on) => void (await ask({ type: "record", on })),
    arrivals: async () => new Map((await ask({ type: "arrivals" })).arrivals as [string, number][]),
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
