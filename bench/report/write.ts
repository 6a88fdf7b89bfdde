import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { toMarkdown } from "./markdown";
import { toSvg } from "./svg";
import type { RunReport } from "./types";

/* <name>.json (every figure), <name>.md (the tables) and <name>.svg (a bar chart) in dir. */
export function writeReport(report: RunReport, dir: string, name: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    [`${name}.json`]: `${JSON.stringify(report, null, 2)}\n`,
    [`${name}.md`]: toMarkdown(report),
    [`${name}.svg`]: toSvg(report),
  };
  return Object.entries(files).map(([file, text]) => {
    const target = path.join(dir, file);
    writeFileSync(target, text);
    return target;
  });
}
