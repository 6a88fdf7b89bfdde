import { execFileSync } from "node:child_process";
import path from "node:path";
import { spawnLogged, stopProc, type Proc } from "../../test/support/processes";

/*
 * Bench processes: a node script run with tsx, optionally pinned to one core
 * (taskset) and given room for many sockets (prlimit; the shell's 20000 is
 * too few for 50k). taskset and prlimit exec node, so the pid is node's own.
 */
export type BenchProc = Proc & { pid: number; stop: () => Promise<void> };

export type SpawnOptions = {
  env?: Record<string, string>;
  /** CPU list for taskset, e.g. "0"; omitted: not pinned. */
  cpus?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  logDir: string;
};

const wantedNofile = 200_000;
let nofile: number | undefined;

/**
 * Open files a bench process may have: 200k where prlimit may raise the limit
 * that far, else the hard limit (raising it needs CAP_SYS_RESOURCE, which a
 * container may drop; root without it may not).
 */
function nofileLimit(): number {
  nofile ??= canRaiseTo(wantedNofile) ? wantedNofile : hardNofileLimit();
  return nofile;
}

function canRaiseTo(limit: number): boolean {
  try {
    execFileSync("prlimit", [`--nofile=${limit}:${limit}`, "--", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Sockets one bench process can hold, less a margin for its other files. */
export const socketsPerProcess = (): number => nofileLimit() - 200;

function hardNofileLimit(): number {
  // `prlimit -o HARD` prints a header even with -n on some versions: the figure is the last word.
  const out = execFileSync("prlimit", ["--pid", String(process.pid), "--nofile", "-o", "HARD"], { encoding: "utf8" });
  const hard = out.trim().split(/\s+/).at(-1) ?? "";
  const limit = hard === "unlimited" ? wantedNofile : Number(hard);
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`cannot read the open-files limit from prlimit: ${JSON.stringify(out)}`);
  return Math.min(limit, wantedNofile);
}

/** BENCH_CPU_PROF_DIR=dir: node flags that make a sidecar write a .cpuprofile there when it stops (open in Chrome DevTools or speedscope). */
export function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** taskset and prlimit wrapped around a node command line. */
export function wrapCommand(node: string[], cpus?: string): string[] {
  const limited = ["prlimit", `--nofile=${nofileLimit()}:${nofileLimit()}`, "--", ...node];
  return cpus ? ["taskset", "-c", cpus, ...limited] : limited;
}

export function spawnNode(name: string, script: string, args: string[], options: SpawnOptions): BenchProc {
  const node = [process.execPath, ...(options.nodeFlags ?? []), "--import", "tsx", script, ...args];
  const command = wrapCommand(node, options.cpus);
  const logFile = path.join(options.logDir, `${name}.log`);
  const proc = spawnLogged({ name, command: command[0]!, args: command.slice(1), env: options.env, logFile });
  return { ...proc, stop: () => stopProc(proc) };
}
