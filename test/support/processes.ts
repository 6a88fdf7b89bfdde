import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import net from "node:net";
import { waitFor } from "../wait-for";

/*
 * Child processes the cluster tests start themselves and stop by pid: a
 * private Redis, sidecars, HAProxy. Output goes to a log file per process, so
 * a failure can be explained afterwards.
 */
export type Proc = { name: string; child: ChildProcess; exited: Promise<void> };

export function spawnLogged(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Proc {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { name, child, exited };
}

/** Crash it (SIGKILL) or stop it (SIGTERM), and wait until it is gone. */
export async function stopProc(proc: Proc, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** Resolves once something accepts TCP connections on the port. */
export function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const tryConnect = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve();
      });
      socket.on("error", reject);
    });
  return waitFor(tryConnect, { timeoutMs, intervalMs: 50 });
}

/** Resolves once GET url answers 200. */
export function waitForHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  return waitFor(
    async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
