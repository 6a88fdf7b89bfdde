import { spawn, type ChildProcess } from "node:child_process";
import { relayLines } from "./relay";

export type Child = { name: string; process: ChildProcess; exited: Promise<number | null> };

/** Start a child whose output the launcher passes on (relay.ts: JSON lines unbroken). */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  relayLines(child.stdout, name, "stdout");
  relayLines(child.stderr, name, "stderr");
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, process: child, exited };
}

/** SIGTERM, then SIGKILL if it is still there after the grace period. */
export async function stopChild(child: Child, graceMs: number): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill("SIGTERM");
  const timer = setTimeout(() => child.process.kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}
