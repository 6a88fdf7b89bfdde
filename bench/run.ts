import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { BenchOptions, Scenario } from "./lib/types";
import { ratioTable } from "./report/markdown";
import type { RunReport } from "./report/types";
import { writeReport } from "./report/write";

/*
 * npm run bench [-- --quick] [-- --only fanout,latency] [-- --record]
 * Runs the scenarios one after another on this box, writes the report and the
 * process logs to bench/runs/<start time>/ (git-ignored) and prints the target
 * table. --record (a full run only) also writes bench/results/recorded.*, the
 * committed run bench/README.md cites: it changes only when someone means it to.
 * Exits 0 whatever the numbers (CI runs --quick as a smoke test); exits 1 when
 * a scenario could not run at all. A scenario file that does not exist yet is
 * skipped with a note.
 */
const order = ["fanout", "latency", "cluster", "persist", "memory", "history", "storm"];
const benchDir = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const { quick, only, record } = parseOptions();
  const startedAt = new Date().toISOString();
  const outDir = path.join(benchDir, "runs", startedAt.replace(/[:.]/g, "-"));
  const log = (line: string) => console.log(line);
  const options: BenchOptions = { quick, outDir, log };
  const report: RunReport = { startedAt, quick, machine: machine(), scenarios: [] };

  for (const name of order.filter((n) => !only || only.includes(n))) {
    report.scenarios.push(await runScenario(name, options));
  }
  const files = writeReport(report, outDir, "report");
  if (record) files.push(...writeReport(report, path.join(benchDir, "results"), "recorded"));
  console.log(`\n${ratioTable(report)}\n`);
  for (const s of report.scenarios) console.log(`${s.name.padEnd(8)} ${s.status.padEnd(7)} ${s.seconds.toFixed(1)} s`);
  console.log(`\nwrote ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  return report.scenarios.some((s) => s.status === "failed") ? 1 : 0;
}

function parseOptions(): { quick: boolean; only?: string[]; record: boolean } {
  const flag = { type: "boolean", default: false } as const;
  const { values } = parseArgs({ options: { quick: flag, record: flag, only: { type: "string" } } });
  const only = values.only?.split(",").map((s) => s.trim());
  const unknown = only?.filter((name) => !order.includes(name)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${order.join(", ")}`);
  // The recorded run stands for the whole bench at full size.
  if (values.record && (values.quick || only)) throw new Error("--record keeps a full run: drop --quick and --only");
  return { quick: values.quick, only, record: values.record };
}

async function runScenario(name: string, options: BenchOptions): Promise<RunReport["scenarios"][number]> {
  const file = path.join(benchDir, "scenarios", `${name}.ts`);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (!existsSync(file)) {
    console.log(`== ${name}: skipped (bench/scenarios/${name}.ts does not exist yet)`);
    return { name, seconds: 0, status: "skipped", error: `bench/scenarios/${name}.ts does not exist yet` };
  }
  console.log(`== ${name}${options.quick ? " (quick)" : ""}`);
  try {
    const { run } = (await import(file)) as { run: Scenario };
    const result = await run(options);
    console.log(`== ${name} done in ${seconds().toFixed(1)} s`);
    return { name, seconds: seconds(), status: "ok", result };
  } catch (error) {
    console.error(`== ${name} FAILED after ${seconds().toFixed(1)} s:`, error);
    return { name, seconds: seconds(), status: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

function machine(): RunReport["machine"] {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
