import path from "node:path";
import { stopPid } from "../../test/support/processes";
import { startSidecarProcess } from "../../test/support/sidecar";
import { logDir, readState, writeState, type StackState } from "./state";

/** The e2e sidecar, detached so it outlives the worker that (re)starts it; its log goes to test-results/. */
export async function launchSidecar(state: Omit<StackState, "sidecarPid" | "webPid">): Promise<number> {
  const { databaseUrl, secret, env, realtimePort } = state;
  const logFile = path.join(logDir, "realtime.log");
  const sidecar = await startSidecarProcess({ databaseUrl, secret, env, port: realtimePort, name: "realtime", logFile, detached: true });
  return sidecar.pid;
}

/** Kill the sidecar the way a crash would: no graceful close, nothing flushed. */
export async function killSidecar(): Promise<void> {
  await stopPid(readState().sidecarPid, "SIGKILL");
}

/** Start a new sidecar with the same settings on the same port and wait until it serves. */
export async function startSidecar(): Promise<void> {
  const state = readState();
  writeState({ ...state, sidecarPid: await launchSidecar(state) });
}
