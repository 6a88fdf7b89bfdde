import type { Measurement } from "../lib/types";
import type { RunReport } from "./types";

/* The markdown table of a run: targets first, then every measurement, notes and durations. */
const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : String(Math.round(n * 1000) / 1000));

const detailText = (m: Measurement) =>
  Object.entries(m.detail ?? {})
    .map(([k, v]) => `${k}=${typeof v === "number" ? fmt(v) : String(v)}`)
    .join(", ");

export function ratioTable(report: RunReport): string {
  const rows = report.scenarios.flatMap((s) =>
    (s.result?.ratios ?? []).map((r) => `| ${s.name} | ${r.name} | ${fmt(r.ratio)} | ${r.target} | ${r.met ? "met" : "**missed**"} |`),
  );
  return ["| scenario | check | ratio | target | result |", "|---|---|---|---|---|", ...rows].join("\n");
}

export function toMarkdown(report: RunReport): string {
  const m = report.machine;
  const lines = [
    `# Benchmark run ${report.startedAt}${report.quick ? " (quick)" : ""}`,
    "",
    `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}. Ratios compare figures measured in this same run.`,
    "",
    "## Targets",
    "",
    ratioTable(report),
    "",
  ];
  for (const s of report.scenarios) {
    lines.push(`## ${s.name} (${s.status}, ${Math.round(s.seconds)} s)`, "");
    if (s.error) lines.push(`Error: \`${s.error.split("\n")[0]}\``, "");
    if (!s.result) continue;
    lines.push("| subject | metric | value | unit | detail |", "|---|---|---|---|---|");
    for (const x of s.result.measurements) lines.push(`| ${x.subject} | ${x.metric} | ${fmt(x.value)} | ${x.unit} | ${detailText(x)} |`);
    lines.push("", ...s.result.notes.map((n) => `- ${n}`), "");
  }
  return lines.join("\n");
}
