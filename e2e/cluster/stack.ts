import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Written by the global setup so specs (in worker processes) can crash a sidecar by pid. */
export type ClusterState = { sidecarPids: Record<string, number> };

const stateFile = path.resolve("test-results/e2e-cluster.json");

export function writeClusterState(state: ClusterState): void {
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

export function readClusterState(): ClusterState {
  return JSON.parse(readFileSync(stateFile, "utf8")) as ClusterState;
}
