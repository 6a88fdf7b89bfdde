import type { Logger } from "pino";
import { createLogger } from "../lib/log/create-logger";
import type { RealtimeConfig } from "./env";

/** The sidecar's log: JSON lines (lib/log/create-logger.ts), each naming this node. */
export function sidecarLogger(config: RealtimeConfig): Logger {
  return createLogger({ name: "realtime", level: config.logLevel, base: { node: config.nodeId } });
}
