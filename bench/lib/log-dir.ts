import { mkdirSync } from "node:fs";
import path from "node:path";

/* Process logs of a run go to <run folder>/logs/, one folder per scenario. */
export function logDirFor(outDir: string, scenario: string): string {
  const dir = path.join(outDir, "logs", scenario);
  mkdirSync(dir, { recursive: true });
  return dir;
}
