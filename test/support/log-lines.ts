import assert from "node:assert/strict";
import { waitFor } from "../wait-for";

/*
 * What a process printed, checked as the log it must be: every line a pino
 * JSON object with a numeric level and time and a string msg. Collect with
 * `onLine: logs.add`; find lines by their fields.
 */
export type LogLine = { level: number; time: number; msg: string } & Record<string, unknown>;

export function parseLogLine(line: string): LogLine {
  let entry: unknown;
  assert.doesNotThrow(() => (entry = JSON.parse(line)), `not a JSON line: ${line}`);
  assert.ok(typeof entry === "object" && entry !== null && !Array.isArray(entry), `not a JSON object: ${line}`);
  const fields = entry as Record<string, unknown>;
  assert.equal(typeof fields.level, "number", `no numeric level: ${line}`);
  assert.equal(typeof fields.time, "number", `no numeric time: ${line}`);
  assert.equal(typeof fields.msg, "string", `no msg: ${line}`);
  return fields as LogLine;
}

export class LogLines {
  readonly raw: string[] = [];

  add = (line: string): void => void this.raw.push(line);

  /** Every line parsed; fails on the first that is not a log line. */
  all(): LogLine[] {
    return this.raw.map(parseLogLine);
  }

  where(match: Record<string, unknown>): LogLine[] {
    return this.all().filter((line) => Object.entries(match).every(([key, value]) => line[key] === value));
  }

  /** The first line with these fields, waiting for it. */
  next(match: Record<string, unknown>, timeoutMs?: number): Promise<LogLine> {
    return waitFor(() => {
      const found = this.where(match)[0];
      assert.ok(found, `no log line with ${JSON.stringify(match)}`);
      return found;
    }, timeoutMs ? { timeoutMs } : undefined);
  }
}
