import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { startChildSidecar, type ChildSidecar } from "../../realtime/test/child-sidecar";

/**
 * The sidecar under fuzz, in a process of its own: a crash is an exit the
 * test sees (not a test process that dies with it), its memory is the
 * process's RSS, and its error log lines are kept to explain a failure.
 */
export type WatchedSidecar = ChildSidecar & {
  /** Set if the process ended: a crash or a restart. */
  exit(): string | null;
  rssBytes(): number;
  errorLogs: string[];
};

export async function startWatchedSidecar(env: Record<string, string>): Promise<WatchedSidecar> {
  const child = await startChildSidecar(env);
  let exit: string | null = null;
  child.process.once("exit", (code, signal) => (exit = `exited with code ${code}, signal ${signal}`));
  const errorLogs: string[] = [];
  createInterface({ input: child.process.stdout! }).on("line", (line) => {
    // pino levels: 50 error, 60 fatal.
    if (/"level":(50|60)/.test(line) && errorLogs.length < 100) errorLogs.push(line.slice(0, 600));
  });
  let lastRss = 0;
  return {
    ...child,
    exit: () => exit,
    // A process that is gone (or a zombie) keeps its last reading; the exit is reported on its own.
    rssBytes: () => (lastRss = rssOf(child.process.pid!) ?? lastRss),
    errorLogs,
  };
}

/** VmRSS from /proc/<pid>/status, in bytes; undefined once the process is gone. */
function rssOf(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : undefined;
}
