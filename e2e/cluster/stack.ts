import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Ports of the cluster e2e stack, apart from the single-sidecar e2e stack (3200/3201). */
export const clusterPorts = {
  web: Number(process.env.E2E_CLUSTER_WEB_PORT ?? 4200),
  balancer: Number(process.env.E2E_CLUSTER_BALANCER_PORT ?? 4201),
  redis: Number(process.env.E2E_CLUSTER_REDIS_PORT ?? 56200),
};

/** Written by the global setup so specs (in worker processes) can crash a sidecar by pid. */
export type ClusterState = { sidecarPids: Record<string, number> };

const stateFile = path.resolve("test-results/e2e-cluster.json");

export function writeClusterState(state: ClusterState): void {
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

export function readClusterState(): ClusterState {
  return JSON.parse(readFileSync(stateFile, "utf8")) as ClusterState;
}
