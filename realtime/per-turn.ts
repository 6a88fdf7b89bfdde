/**
 * Items added during one event-loop turn, grouped by key and handed to
 * `flush` together once the turn is over (setImmediate). The shared step of
 * the sidecar's "many sockets ask at once, answer them with one call"
 * batchers: SameTurnReads (one query per turn) and UserRateLimiter (one rate-limit
 * call per user per turn).
 */
export class PerTurnGroups<T> {
  private groups = new Map<string, T[]>();
  private scheduled = false;

  constructor(private flush: (groups: Map<string, T[]>) => void) {}

  add(key: string, item: T): void {
    const group = this.groups.get(key);
    if (group) group.push(item);
    else this.groups.set(key, [item]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      const groups = this.groups;
      this.groups = new Map();
      this.scheduled = false;
      this.flush(groups);
    });
  }
}
