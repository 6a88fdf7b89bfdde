import type { ScenarioResult } from "../lib/types";

/* What bench/results/latest.json holds. */
export type RunReport = {
  startedAt: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  scenarios: { name: string; seconds: number; status: "ok" | "skipped" | "failed"; result?: ScenarioResult; error?: string }[];
};
