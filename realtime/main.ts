import { pino } from "pino";
import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError } from "../config/parse-env";
import { exitGracefullyOnSignals } from "../lib/graceful-shutdown";
import { loadRealtimeConfig } from "./env";
import { startSidecar } from "./server";

/* The sidecar process: .env and validated env, start, and a drain on SIGTERM/SIGINT (a second one exits at once). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = exitOnConfigError(() => loadRealtimeConfig(process.env));
  const log = pino({ level: config.logLevel, base: { node: config.nodeId } });
  const sidecar = await startSidecar(config);
  exitGracefullyOnSignals({ log, timeoutMs: config.shutdownTimeoutMs, stop: () => sidecar.stop() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
