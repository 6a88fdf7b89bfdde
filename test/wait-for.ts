/**
 * How long a condition may take before a test fails. Only a failing test ever
 * waits this long, so it is generous: the CI box is busy, and a condition that
 * takes 50 ms on a quiet machine can take seconds there.
 */
export const defaultWaitMs = 15_000;

/** Retry an assertion until it holds or the time runs out; never a bare sleep. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeoutMs = defaultWaitMs, intervalMs = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
