import { spawn } from "node:child_process";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { waitFor } from "../../test/wait-for";
import { webServerArgs } from "../../test/web-client";
import { e2ePorts } from "./ports";

export { waitForHealthy } from "../../test/support/processes";

/** What the setup started, so tests can restart the sidecar and teardown can stop it all. */
export type StackState = { databaseUrl: string; env: Record<string, string>; webPid: number; sidecarPid: number };

const stateFile = path.resolve("test-results/e2e-stack.json");
const logDir = path.resolve("test-results");

export function readState(): StackState {
  return JSON.parse(readFileSync(stateFile, "utf8")) as StackState;
}

export function writeState(state: StackState): void {
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

/** Detached so it outlives the test worker that starts it; its log goes to test-results/. */
function spawnLogged(name: string, args: string[], env: Record<string, string>): number {
  const log = openSync(path.join(logDir, `${name}.log`), "a");
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", log, log], detached: true });
  child.unref();
  return child.pid!;
}

export function spawnWeb(env: Record<string, string>): number {
  return spawnLogged("web", [...webServerArgs, "-p", String(e2ePorts.web), "-H", "127.0.0.1"], env);
}

export function spawnSidecar(env: Record<string, string>): number {
  return spawnLogged("realtime", ["--import", "tsx", "realtime/main.ts"], env);
}

/** Resolves once the pid is gone. */
export function waitForExit(pid: number, timeoutMs = 15_000): Promise<void> {
  return waitFor(
    () => {
      if (isAlive(pid)) throw new Error(`process ${pid} did not exit`);
    },
    { timeoutMs, intervalMs: 50 },
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const healthUrls = {
  web: `http://127.0.0.1:${e2ePorts.web}/healthz`,
  realtime: `http://127.0.0.1:${e2ePorts.realtime}/healthz`,
};
