// CPU time by process, read from /proc (Linux): what a measured phase cost each part of the system, so a figure can
// be explained by where the cores went rather than guessed. Load-independent in the sense that matters: a process's
// user + system time is what it used, however long it waited for a core.
import fs from "node:fs";
import os from "node:os";
import { median } from "./stats";

/** The parts a delivery's CPU is split into. */
export const CPU_PARTS = ["worker", "web", "launcher", "postgres", "receiver", "other"] as const;
export type CpuPart = (typeof CPU_PARTS)[number];

type Snapshot = { processes: Map<number, { part: CpuPart; ticks: number }>; busyTicks: number };

// Clock ticks per second of /proc's times: 100 on Linux (sysconf(_SC_CLK_TCK)), which Node does not expose.
const TICKS_PER_SECOND = 100;

function partOf(pid: number, comm: string): CpuPart {
  if (comm === "postgres") return "postgres";
  if (comm !== "node" && !comm.startsWith("node")) return "other";
  let cmdline = "";
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "other";
  }
  if (cmdline.includes("worker.mjs")) return "worker";
  if (cmdline.includes("web.mjs") || cmdline.includes("next-server") || cmdline.includes("next start")) return "web";
  if (cmdline.includes("start.mjs")) return "launcher";
  if (cmdline.includes("receiver-process")) return "receiver";
  return "other";
}

/** Every process's CPU ticks so far, by part, and the machine's busy ticks. */
export function cpuSnapshot(): Snapshot {
  const processes: Snapshot["processes"] = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces; the fields after it are space-separated.
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
      processes.set(pid, { part: partOf(pid, comm), ticks });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const busyTicks = cpu.reduce((sum, t) => sum + t, 0) - cpu[3] - (cpu[4] ?? 0); // all but idle and iowait
  return { processes, busyTicks };
}

/**
 * Milliseconds of CPU per unit of work (a delivery, an event) between two snapshots, by part; `total` is the sum of
 * the system's parts (without "other": the bench itself, and anything else this shared machine runs), `machine` every
 * busy tick of the machine.
 */
export type CpuPerUnit = Record<CpuPart, number> & { total: number; machine: number; cores: number };

export function cpuPerUnit(before: Snapshot, after: Snapshot, units: number): CpuPerUnit {
  const ms = Object.fromEntries(CPU_PARTS.map((p) => [p, 0])) as Record<CpuPart, number>;
  for (const [pid, now] of after.processes) {
    // A process that started during the phase counts whole; one that ended during it is lost (none of ours do).
    const was = before.processes.get(pid)?.ticks ?? 0;
    ms[now.part] += ((now.ticks - was) * 1000) / TICKS_PER_SECOND;
  }
  const perUnit = (value: number) => value / Math.max(1, units);
  const parts = Object.fromEntries(CPU_PARTS.map((p) => [p, perUnit(ms[p])])) as Record<CpuPart, number>;
  return {
    ...parts,
    total: CPU_PARTS.filter((p) => p !== "other").reduce((sum, p) => sum + parts[p], 0),
    machine: perUnit(((after.busyTicks - before.busyTicks) * 1000) / TICKS_PER_SECOND),
    cores: os.availableParallelism(),
  };
}

/** The rate the machine's cores would allow if the system's parts had them all: cores / CPU per unit. */
export const cpuBound = (cpu: CpuPerUnit) => (cpu.cores * 1000) / cpu.total;

/** "CPU per delivery: worker 0.31, postgres 0.42, ... = 1.02 ms (2 cores allow about 1,960/s; other 0.10 ms)" */
export function describeCpu(cpu: CpuPerUnit, unit: string): string {
  const parts = CPU_PARTS.filter((p) => p !== "other" && cpu[p] >= 0.005).map((p) => `${p} ${cpu[p].toFixed(2)}`);
  const bound = Math.round(cpuBound(cpu)).toLocaleString("en-US");
  return `CPU per ${unit}: ${parts.join(", ")} = ${cpu.total.toFixed(2)} ms (${cpu.cores} cores allow about ${bound}/s; other processes ${cpu.other.toFixed(2)} ms)`;
}

/** Each part's median over several runs. */
export function medianCpu(runs: CpuPerUnit[]): CpuPerUnit | null {
  if (runs.length === 0) return null;
  const keys = [...CPU_PARTS, "total", "machine"] as const;
  const result = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<
    (typeof keys)[number],
    number
  >;
  return { ...result, cores: runs[0].cores };
}
