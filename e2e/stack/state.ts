import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/*
 * What the global setup started, for the specs (in worker processes) that
 * restart the sidecar and for the teardown that stops it all by pid.
 */
export type StackState = {
  databaseUrl: string;
  secret: string;
  /** The sidecar's settings, to start it again the same way. */
  env: Record<string, string>;
  realtimePort: number;
  webPid: number;
  sidecarPid: number;
};

export const logDir = path.resolve("test-results");
const stateFile = path.join(logDir, "e2e-stack.json");

export function readState(): StackState {
  return JSON.parse(readFileSync(stateFile, "utf8")) as StackState;
}

export function writeState(state: StackState): void {
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

/**
 * The stack's URLs reach the workers through the env: the global setup sets
 * them before any worker starts, and workers inherit its env (and load the
 * Playwright config again, so its baseURL is the right one there).
 */
export function announceUrls(webPort: number, realtimePort: number): void {
  process.env.E2E_BASE_URL = `http://127.0.0.1:${webPort}`;
  process.env.E2E_SOCKET_URL = `ws://127.0.0.1:${realtimePort}/ws`;
}

export function socketUrl(): string {
  const url = process.env.E2E_SOCKET_URL;
  if (!url) throw new Error("E2E_SOCKET_URL is not set: the global setup did not run");
  return url;
}
