import { pino } from "pino";
import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError } from "../config/parse-env";
import { loadRealtimeConfig } from "./env";
import { startSidecar } from "./server";

/* The sidecar process: .env and validated env, start, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = exitOnConfigError(() => loadRealtimeConfig(process.env));
  const log = pino({ level: config.logLevel, base: { node: config.nodeId } });
  const sidecar = await startSidecar(config);
  let exiting = false;
  const shutdown = (signal: string) => {
    if (exiting) return;
    exiting = true;
    log.info({ signal }, "stopping");
    sidecar.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "unclean stop");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
