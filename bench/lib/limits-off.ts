/**
 * The per-user and per-address guards, raised out of the way for every
 * sidecar the bench starts: it measures the sidecar, not its limits. A few
 * users hold many sockets from a few loopback addresses, send as fast as the
 * sidecar takes, and a 10k reconnect storm upgrades and resubscribes every
 * socket at once. Each guard has its own integration test.
 */
export const benchLimitsOff: Record<string, string> = {
  SEND_RATE_LIMIT: "1000000",
  EDIT_RATE_LIMIT: "1000000",
  DELETE_RATE_LIMIT: "1000000",
  REACT_RATE_LIMIT: "1000000",
  READ_RATE_LIMIT: "1000000",
  SUBSCRIBE_RATE_LIMIT: "1000000",
  UPGRADE_RATE_LIMIT: "10000000",
  MAX_SOCKETS_PER_ADDRESS: "10000000",
  MAX_SOCKETS_PER_USER: "10000000",
};
