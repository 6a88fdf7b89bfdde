/** Reconnect delays: exponential with "full jitter", so a sidecar restart does not bring every client back at once. */
export type BackoffOptions = { readonly baseMs: number; readonly capMs: number };

export const defaultBackoff: BackoffOptions = { baseMs: 250, capMs: 10_000 };

/** Delay before reconnect attempt number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}

/** The upper bound of the jittered delay for this attempt. */
export function backoffCeiling(attempt: number, options: BackoffOptions = defaultBackoff): number {
  const exponent = Math.min(Math.max(attempt, 0), 30); // 2^30 already dwarfs any cap
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}
