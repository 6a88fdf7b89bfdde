import { healthUrls, readState, spawnSidecar, waitForExit, waitForHealthy, writeState } from "./processes";

/** Kill the sidecar the way a crash would: no graceful close, nothing flushed. */
export async function killSidecar(): Promise<void> {
  const state = readState();
  process.kill(state.sidecarPid, "SIGKILL");
  await waitForExit(state.sidecarPid);
}

/** Start a new sidecar with the same settings and wait until it serves. */
export async function startSidecar(): Promise<void> {
  const state = readState();
  writeState({ ...state, sidecarPid: spawnSidecar(state.env) });
  await waitForHealthy(healthUrls.realtime);
}
