import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError } from "../config/parse-env";
import { exitGracefullyOnSignals } from "../lib/graceful-shutdown";
import { routeConsoleTo } from "../lib/log/console";
import { loadRealtimeConfig } from "./env";
import { sidecarLogger } from "./log";
import { startSidecar } from "./server";

/*
 * The sidecar process: .env and validated env (a bad value: plain text on
 * stderr, and exit), then JSON log lines only; start, and a drain on
 * SIGTERM/SIGINT (a second one exits at once).
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = exitOnConfigError(() => loadRealtimeConfig(process.env));
  const log = sidecarLogger(config);
  routeConsoleTo(log); // what libraries print (ioredis...) becomes JSON lines too
  const sidecar = await startSidecar(config).catch((error: unknown) => {
    log.fatal({ err: error }, "realtime sidecar did not start");
    process.exit(1);
  });
  exitGracefullyOnSignals({ log, timeoutMs: config.shutdownTimeoutMs, stop: () => sidecar.stop() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
