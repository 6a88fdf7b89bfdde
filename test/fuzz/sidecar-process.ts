import { readFileSync } from "node:fs";
import { secret } from "../../realtime/test/helpers";
import { startSidecarProcess, type SidecarProcess } from "../support/sidecar";

/**
 * The sidecar under fuzz, in a process of its own: a crash is an exit the
 * test sees (not a test process that dies with it), its memory is the
 * process's RSS, and its error log lines are kept to explain a failure.
 */
export type WatchedSidecar = SidecarProcess & {
  /** Set if the process ended: a crash or a restart. */
  exit(): string | null;
  rssBytes(): number;
  errorLogs: string[];
};

export async function startWatchedSidecar(databaseUrl: string, env: Record<string, string>): Promise<WatchedSidecar> {
  const errorLogs: string[] = [];
  const onLine = (line: string) => {
    // pino levels: 50 error, 60 fatal; a line that is not JSON is on stderr (a crash).
    const isError = !line.startsWith("{") || /"level":(50|60)/.test(line);
    if (isError && errorLogs.length < 100) errorLogs.push(line.slice(0, 600));
  };
  const sidecar = await startSidecarProcess({ databaseUrl, secret, env: { LOG_LEVEL: "info", ...env }, onLine });
  let exit: string | null = null;
  sidecar.proc.child.once("exit", (code, signal) => (exit = `exited with code ${code}, signal ${signal}`));
  let lastRss = 0;
  return {
    ...sidecar,
    exit: () => exit,
    // A process that is gone (or a zombie) keeps its last reading; the exit is reported on its own.
    rssBytes: () => (lastRss = rssOf(sidecar.pid) ?? lastRss),
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
