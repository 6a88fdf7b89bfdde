import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";

/** Enough descriptors for 50k sockets, where the box allows raising the limit (the shell's 20k is too low). */
export const benchNofile = 200_000;

let raisable: boolean | undefined;

/** Whether prlimit may give a child benchNofile descriptors (root without CAP_SYS_RESOURCE may not). */
function canRaise(): boolean {
  if (raisable === undefined) {
    try {
      execFileSync("prlimit", [`--nofile=${benchNofile}:${benchNofile}`, "--", "true"], { stdio: "ignore" });
      raisable = true;
    } catch {
      raisable = false;
    }
  }
  return raisable;
}

/** The command line to start a process that needs many sockets: under prlimit when allowed. */
export function withManyFiles(command: string, args: string[]): [string, string[]] {
  return canRaise() ? ["prlimit", [`--nofile=${benchNofile}:${benchNofile}`, "--", command, ...args]] : [command, args];
}

/** Sockets one process can hold here (Node raises its soft limit to the hard one), less a margin. */
export function socketsPerProcess(): number {
  if (canRaise()) return benchNofile - 200;
  return Number(execFileSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" }).trim()) - 200;
}

/** Resident set size of a process in KB, from /proc/<pid>/status VmRSS. */
export async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the ")" that ends the command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Busy CPU seconds of the whole machine (all cores) so far, from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
  const [cpu] = (await readFile("/proc/stat", "utf8")).split("\n");
  const [user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}
