import { writeFileSync } from "node:fs";
import path from "node:path";
import { toMarkdown } from "./markdown";
import { toSvg } from "./svg";
import type { RunReport } from "./types";

/* latest.json, latest.md and latest.svg under bench/results/: small, meant to be committed. */
export function writeReport(report: RunReport, outDir: string): string[] {
  const files = {
    "latest.json": `${JSON.stringify(report, null, 2)}\n`,
    "latest.md": toMarkdown(report),
    "latest.svg": toSvg(report),
  };
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, text);
    return file;
  });
}
