/** WebSocket close codes of the contract, used by both ends. */
export const CloseCode = {
  goingAway: { code: 1001, reason: "server shutting down" },
  tooLarge: { code: 1009, reason: "frame too large" },
  sessionExpired: { code: 4001, reason: "session expired or revoked" },
  abuse: { code: 4008, reason: "repeated abuse" },
  slowConsumer: { code: 4009, reason: "client could not keep up" },
} as const;

/** Codes after which a client should not reconnect on its own. */
export const terminalCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.sessionExpired.code,
  CloseCode.abuse.code,
]);
