import type { ScenarioResult } from "../lib/types";

/* What a run's report.json (and bench/results/recorded.json) holds. */
export type RunReport = {
  startedAt: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  scenarios: { name: string; seconds: number; status: "ok" | "skipped" | "failed"; result?: ScenarioResult; error?: string }[];
};
