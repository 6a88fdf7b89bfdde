/** Per-key rate gates for chatty client frames (typing, read markers). Timers are injectable for tests. */
export type Clock = { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Leading edge only: lets a key through at most once per interval, drops the rest (typing). */
export function createGate(intervalMs: number, clock: Clock = realClock): (key: string) => boolean {
  const lastPass = new Map<string, number>();
  return (key) => {
    const now = clock.now();
    const last = lastPass.get(key);
    if (last !== undefined && now - last < intervalMs) return false;
    lastPass.set(key, now);
    return true;
  };
}

/**
 * At most one emit per interval per key, and the latest value always gets out
 * (read markers: the last seq seen must reach the server, the ones between need not).
 */
export class LatestThrottle<V> {
  private readonly lastEmit = new Map<string, number>();
  private readonly waiting = new Map<string, { value: V; timer: unknown }>();

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (key: string, value: V) => void,
    private readonly clock: Clock = realClock,
  ) {}

  push(key: string, value: V): void {
    const queued = this.waiting.get(key);
    if (queued) {
      queued.value = value;
      return;
    }
    const wait = (this.lastEmit.get(key) ?? -Infinity) + this.intervalMs - this.clock.now();
    if (wait <= 0) return this.fire(key, value);
    const timer = this.clock.setTimeout(() => this.flush(key), wait);
    this.waiting.set(key, { value, timer });
  }

  cancelAll(): void {
    for (const { timer } of this.waiting.values()) this.clock.clearTimeout(timer);
    this.waiting.clear();
  }

  private flush(key: string): void {
    const queued = this.waiting.get(key);
    this.waiting.delete(key);
    if (queued) this.fire(key, queued.value);
  }

  private fire(key: string, value: V): void {
    this.lastEmit.set(key, this.clock.now());
    this.emit(key, value);
  }
}
