import pino from "pino";

/** Server-side log; errors reach clients only as a generic `internal`. */
export const logger = pino({ name: "web", level: process.env.LOG_LEVEL ?? "info" });
