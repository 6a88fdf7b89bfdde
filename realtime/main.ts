import { pino } from "pino";
import { ConfigError, loadRealtimeConfig } from "./env";
import { startSidecar } from "./server";

/* The sidecar process: validated env, start, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadRealtimeConfig(process.env);
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
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
