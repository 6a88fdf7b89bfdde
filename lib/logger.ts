import pino from "pino";
import { parseEnv } from "../config/parse-env";
import { webLogEnv } from "../config/web";

/** Server-side log; errors reach clients only as a generic `internal`. */
export const logger = pino({ name: "web", level: parseEnv(webLogEnv, process.env).LOG_LEVEL });
