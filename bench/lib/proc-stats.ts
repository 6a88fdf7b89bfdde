import { readFileSync } from "node:fs";

/*
 * What a process costs, read from /proc: CPU time (utime + stime) so rates
 * can be normalised per server CPU-second, and RSS for memory per connection.
 */
const clockTicksPerSecond = 100; // getconf CLK_TCK on Linux x86-64/arm64

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicksPerSecond;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** CPU used by a set of pids between start() and the returned stop(). */
export function cpuMeter(pids: number[]): () => { cpuSeconds: number; wallSeconds: number; cores: number } {
  const start = pids.map(cpuSeconds);
  const started = performance.now();
  return () => {
    const used = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - start[i]!, 0);
    const wallSeconds = (performance.now() - started) / 1000;
    return { cpuSeconds: used, wallSeconds, cores: used / wallSeconds };
  };
}
