import { z } from "zod";

/** Every code an `error` frame may carry (contract.md, "Server → client"). */
export const errorCode = z.enum([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "rate_limited",
  "too_large",
  "internal",
]);
export type ErrorCode = z.infer<typeof errorCode>;

/**
 * A refusal meant for the client. Handlers throw it; one place (the sidecar's
 * frame dispatcher) turns it into an `error` frame. Anything else thrown is
 * logged and reaches the client as a generic `internal`.
 */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly ref?: string,
  ) {
    super(message);
    this.name = "ChatError";
  }
}
