/*
 * What every benchmark scenario returns. bench/run.ts runs the scenarios one
 * after another on the same box, then writes the run's report (JSON, markdown
 * table, chart) from these rows.
 */
export type BenchOptions = {
  /** `npm run bench -- --quick`: small sizes, the whole run under 2 minutes (CI smoke test). */
  quick: boolean;
  /** This run's folder, bench/runs/<start time>/ (git-ignored): logs and raw per-scenario files. */
  outDir: string;
  log: (line: string) => void;
};

/** One measured figure, e.g. the sidecar's deliveries per server CPU-second. */
export type Measurement = {
  subject: string; // "sidecar", "bare-uws", "ws", "socket.io", "pgbench multi-row", ...
  metric: string; // "deliveries per server CPU-second", "p99 latency", ...
  value: number;
  unit: string; // "1/s", "ms", "KB", ...
  /** Free-form context: offered load, client-bound flag, CPU %, sizes. */
  detail?: Record<string, number | string | boolean>;
};

/** A target of the issue, checked on ratios measured in the same run. */
export type RatioCheck = {
  name: string; // "fan-out: sidecar / bare uWS"
  ratio: number;
  target: string; // ">= 0.5"
  met: boolean;
};

export type ScenarioResult = {
  scenario: string;
  measurements: Measurement[];
  ratios: RatioCheck[];
  /** What limits the figure, when known (client-bound, disk, ...). */
  notes: string[];
};

export type Scenario = (options: BenchOptions) => Promise<ScenarioResult>;
