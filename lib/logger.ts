import type { Logger } from "pino";
import { parseEnv } from "../config/parse-env";
import { webLogEnv } from "../config/web";
import { createLogger } from "./log/create-logger";
import { requestIdHeader } from "./request-id";

/** Server-side log; errors reach clients only as a generic `internal`. */
export const logger = createLogger({ name: "web", level: parseEnv(webLogEnv, process.env).LOG_LEVEL });

/**
 * The log of one request: every line carries its `reqId`, the id
 * scripts/web-server.ts put on the request (and on the response as
 * x-request-id), so a route's error joins its access-log line. Pass the
 * request's headers, or `await headers()` where there is no request object.
 */
export function loggerFor(headers: Pick<Headers, "get">): Logger {
  const reqId = headers.get(requestIdHeader);
  return reqId ? logger.child({ reqId }) : logger;
}
