import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/*
 * What a process costs, read from /proc: CPU time (utime + stime) so rates
 * can be normalised per server CPU-second, and RSS for memory per connection.
 */
const clockTicksPerSecond = 100; // getconf CLK_TCK on Linux x86-64/arm64

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start after the last ")"; utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** CPU seconds a set of processes has used so far. */
export const totalCpuSeconds = (pids: number[]): number => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** Busy CPU seconds of the whole machine (all cores) so far, from /proc/stat. */
export function machineBusySeconds(): number {
  const [cpu] = readFileSync("/proc/stat", "utf8").split("\n");
  const [user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / clockTicksPerSecond;
}

/** Resident set size in KB (VmRSS). */
function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** RSS once it stops moving (two readings 1 s apart within 1%), or the last reading after maxMs. */
export async function settledRssKb(pid: number, maxMs = 10_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  let previous = rssKb(pid);
  while (Date.now() < deadline) {
    await sleep(1000);
    const current = rssKb(pid);
    if (Math.abs(current - previous) <= previous * 0.01) return current;
    previous = current;
  }
  return previous;
}
