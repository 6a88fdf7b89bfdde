/** Test doubles for the browser client: a manual clock and a scriptable WebSocket. */
import type { Clock } from "./clock";
import type { SocketLike } from "./wire";

/** Timers that run only when the test advances time. */
export class FakeClock implements Clock {
  time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => void (this.timers = this.timers.filter((t) => t.id !== id));
  /** How many timers are set and not yet run or cleared. */
  pending(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (let t = this.due(until); t; t = this.due(until)) {
      this.timers = this.timers.filter((x) => x !== t);
      this.time = t.at;
      t.fn();
    }
    this.time = until;
  }
  private due(until: number) {
    return [...this.timers].sort((a, b) => a.at - b.at).find((t) => t.at <= until);
  }
}

export class FakeSocket {
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  send(data: string) { this.sent.push(JSON.parse(data) as Record<string, unknown>); }
  close() { this.closed = true; }
  receive(frame: unknown) { this.onmessage?.call(this as never, { data: JSON.stringify(frame) } as MessageEvent); }
  ready() { this.receive({ type: "ready", user: { id: "u1", username: "me" }, node: "n1" }); }
  drop(code: number) { this.onclose?.call(this as never, { code, reason: "" } as CloseEvent); }
}

