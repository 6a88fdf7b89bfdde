import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, createWriteStream, openSync } from "node:fs";
import { createInterface } from "node:readline";
import { waitFor } from "../wait-for";
import { freePort } from "./ports";

/*
 * Child processes that tests, e2e and the bench start themselves and stop by
 * pid: sidecars, web servers, a private Redis, HAProxy, the launcher. Output
 * goes to a log file per process, so a failure can be explained afterwards.
 */
export type SpawnOptions = {
  name: string;
  command: string;
  args: string[];
  /** On top of this process's env; an undefined value removes the variable. */
  env?: Record<string, string | undefined>;
  /** Appended to; without one, stdout is dropped and stderr goes to this process's stderr. */
  logFile?: string;
  /** Outlives this process (an e2e stack a Playwright worker restarts); output only to logFile. */
  detached?: boolean;
  /** Every line the process prints, stdout and stderr (not for detached processes); stderr then goes only here. */
  onLine?: (line: string, from: "stdout" | "stderr") => void;
  /** The working folder; this process's otherwise. */
  cwd?: string;
};

export type Proc = { name: string; pid: number; child: ChildProcess; logFile?: string; exited: Promise<number | null> };

export function spawnLogged(options: SpawnOptions): Proc {
  const { name, command, args, logFile, detached = false, onLine, cwd } = options;
  const env = { ...process.env, ...options.env };
  const child = detached
    ? spawnDetached(command, args, env, logFile)
    : spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", logFile || onLine ? "pipe" : "inherit"] });
  if (!child.pid) throw new Error(`${name}: could not start ${command}`);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  if (detached) child.unref();
  const log = logFile && !detached ? createWriteStream(logFile, { flags: "a" }) : undefined;
  for (const [from, stream] of [["stdout", child.stdout], ["stderr", child.stderr]] as const) {
    if (!stream) continue;
    if (log) stream.pipe(log, { end: false });
    if (onLine) createInterface({ input: stream }).on("line", (line) => onLine(line, from));
    else if (!log) stream.resume();
  }
  return { name, pid: child.pid, child, logFile, exited };
}

/** Its output straight into the log file (no pipe to this process, which may be gone before it). */
function spawnDetached(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string | undefined): ChildProcess {
  const out = logFile ? openSync(logFile, "a") : "ignore";
  try {
    return spawn(command, args, { env, detached: true, stdio: ["ignore", out, out] });
  } finally {
    if (typeof out === "number") closeSync(out);
  }
}

/** Crash it (SIGKILL) or stop it (SIGTERM), and wait until it is gone; SIGKILL after graceMs. */
export async function stopProc(proc: Proc, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** stopProc for a process another process started (e2e: by the pid in a state file). */
export async function stopPid(pid: number, signal: NodeJS.Signals = "SIGTERM", graceMs = 15_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, signal);
  await waitForExit(pid, graceMs).catch(async () => {
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
    await waitForExit(pid, 5_000);
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  return waitFor(() => {
    if (isAlive(pid)) throw new Error(`process ${pid} did not exit`);
  }, { timeoutMs, intervalMs: 50 });
}

/** Resolves once GET url answers 200; given the process, fails at once (naming its log) if it dies first. */
export async function waitForHealthy(url: string, timeoutMs = 30_000, proc?: Proc): Promise<void> {
  let gone = false;
  const healthy = waitFor(
    async () => {
      if (gone) return; // the process died: the race below is lost already, stop polling
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
    },
    { timeoutMs, intervalMs: 100 },
  );
  if (!proc) return healthy;
  const where = proc.logFile ? `; see ${proc.logFile}` : "";
  const died = proc.exited.then((code) => {
    gone = true;
    throw new Error(`${proc.name} exited with ${code} while starting${where}`);
  });
  await Promise.race([healthy, died]);
}

/**
 * Start a server on `port`, or on a free one, and wait until GET /healthz
 * answers 200. A free port can be taken between finding it and the server's
 * listen, which then exits: that is retried on another port.
 */
export async function startHealthy(port: number | undefined, spawnOn: (port: number) => Proc, timeoutMs = 60_000): Promise<{ port: number; proc: Proc }> {
  for (let attempt = 1; ; attempt++) {
    const chosen = port ?? (await freePort());
    const proc = spawnOn(chosen);
    try {
      await waitForHealthy(`http://127.0.0.1:${chosen}/healthz`, timeoutMs, proc);
      return { port: chosen, proc };
    } catch (error) {
      const died = proc.child.exitCode !== null;
      await stopProc(proc, "SIGKILL");
      if (port !== undefined || !died || attempt === 3) throw error;
    }
  }
}

/** Run a command to its end; its exit code, everything it printed (output) and what of that went to stderr. */
export async function runToEnd(options: Omit<SpawnOptions, "name" | "detached" | "onLine">): Promise<{ code: number | null; output: string; stderr: string }> {
  let output = "";
  let stderr = "";
  const onLine = (line: string, from: "stdout" | "stderr") => {
    output += `${line}\n`;
    if (from === "stderr") stderr += `${line}\n`;
  };
  const proc = spawnLogged({ ...options, name: options.command, onLine });
  // "close", not "exit": every line printed has been read by then.
  const code = await new Promise<number | null>((resolve) => proc.child.on("close", resolve));
  return { code, output, stderr };
}
