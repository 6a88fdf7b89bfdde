/**
 * A reconnecting WebSocket client for the realtime sidecar, free of React.
 * It owns the connection only: when `ready` arrives it subscribes every watched
 * room with `since` = that room's cursor (asked of the room at that moment), and
 * it hands every parsed server frame to its listeners. Rooms keep their own
 * timelines and outboxes (room-controller.ts re-sends on `subscribed`).
 */
import { defaultLimits, serverFrame, terminalCloseCodes, type ClientFrame, type ServerFrame } from "../../protocol/index";
import { backoffDelay, defaultBackoff, type BackoffOptions } from "./backoff";
import { createGate, LatestThrottle, realClock, type Clock } from "./throttle";
import { watchWake, type WakeReason } from "./wake";

export type ConnectionState = "connecting" | "online" | "offline";

/** The part of the browser WebSocket used here, so tests can pass a fake. */
export type SocketLike = Pick<WebSocket, "send" | "close" | "onopen" | "onmessage" | "onclose" | "onerror">;

export type ChatSocketOptions = {
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  clock?: Clock;
  backoff?: BackoffOptions;
  typingIntervalMs?: number;
  readIntervalMs?: number;
  /** After a wake-up the socket is probed; no frame within this long means it is dead. */
  livenessTimeoutMs?: number;
  /** Tabs hidden longer than this are probed when they become visible. */
  longSleepMs?: number;
  wake?: typeof watchWake;
};

type Listener<T> = (value: T) => void;

/** One definition of the wire: anything that is not a valid server frame is dropped. */
export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== "string") return null;
  try {
    const result = serverFrame.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

export class ChatSocket {
  private ws: SocketLike | null = null;
  private running = false;
  private attempt = 0;
  private connection: ConnectionState = "connecting";
  private closedFor: number | null = null;
  private retryTimer: unknown = null;
  private livenessTimer: unknown = null;
  private stopWake: () => void = () => {};
  private readonly rooms = new Map<string, () => number>();
  /** Read markers that found no open socket; they go out after the next subscribe. */
  private readonly unsentReads = new Map<string, number>();
  private readonly frameListeners = new Set<Listener<ServerFrame>>();
  private readonly stateListeners = new Set<Listener<ConnectionState>>();
  private readonly terminalListeners = new Set<Listener<number>>();
  private readonly clock: Clock;
  private readonly typingGate: (room: string) => boolean;
  private readonly reads: LatestThrottle<number>;

  constructor(private readonly url: string, private readonly options: ChatSocketOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.typingGate = createGate(options.typingIntervalMs ?? defaultLimits.typingIntervalMs, this.clock);
    this.reads = new LatestThrottle(options.readIntervalMs ?? 1000, (room, seq) => this.writeRead(room, seq), this.clock);
  }

  get state(): ConnectionState { return this.connection; }
  /** The terminal close code (4001, 4008) that stopped reconnecting, if any. */
  get terminalCode(): number | null { return this.closedFor; }

  onFrame(fn: Listener<ServerFrame>): () => void { return subscribe(this.frameListeners, fn); }
  onState(fn: Listener<ConnectionState>): () => void { return subscribe(this.stateListeners, fn); }
  onTerminal(fn: Listener<number>): () => void { return subscribe(this.terminalListeners, fn); }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.closedFor = null;
    this.stopWake = (this.options.wake ?? watchWake)((reason) => this.onWake(reason), this.clock.now);
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.stopWake();
    this.clearTimers();
    this.reads.cancelAll();
    this.detach();
    this.setState("offline");
  }

  /** Keep `room` subscribed across reconnects; `since` is read at every subscribe. */
  watchRoom(room: string, since: () => number): () => void {
    this.rooms.set(room, since);
    this.resubscribe(room);
    return () => {
      this.rooms.delete(room);
      this.send({ type: "unsubscribe", room });
    };
  }

  /** Ask again from the room's cursor: fills a hole in its seqs. */
  resubscribe(room: string): void {
    const since = this.rooms.get(room);
    if (!since || this.connection !== "online") return;
    this.send({ type: "subscribe", room, since: since() });
    const seq = this.unsentReads.get(room);
    if (seq !== undefined) this.writeRead(room, seq);
  }

  /** Write a frame if the connection is ready; false means it was not sent. */
  send(frame: ClientFrame): boolean {
    if (this.connection !== "online" || !this.ws) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** At most one typing frame per room per interval; the server drops extras anyway. */
  sendTyping(room: string): void {
    if (this.connection === "online" && this.typingGate(room)) this.send({ type: "typing", room });
  }

  /** Read markers are throttled; the latest seq always gets out. */
  sendRead(room: string, seq: number): void {
    this.reads.push(room, seq);
  }

  private writeRead(room: string, seq: number): void {
    if (this.send({ type: "read", room, seq })) this.unsentReads.delete(room);
    else this.unsentReads.set(room, Math.max(seq, this.unsentReads.get(room) ?? 0));
  }

  private connect(): void {
    this.clearTimers();
    this.setState("connecting");
    let ws: SocketLike;
    try {
      ws = (this.options.createSocket ?? ((url: string) => new WebSocket(url)))(this.url);
    } catch {
      return this.afterClose(1006);
    }
    this.ws = ws;
    ws.onmessage = (event) => { if (this.ws === ws) this.receive(event.data); };
    ws.onclose = (event) => { if (this.ws === ws) { this.ws = null; this.afterClose(event.code); } };
    ws.onerror = () => {}; // a close event always follows; it decides what to do
  }

  private receive(data: unknown): void {
    this.clearLiveness();
    const frame = parseServerFrame(data);
    if (!frame) return;
    if (frame.type === "ready") {
      this.attempt = 0;
      this.setState("online");
      for (const room of this.rooms.keys()) this.resubscribe(room);
    }
    for (const fn of this.frameListeners) fn(frame);
  }

  private afterClose(code: number): void {
    this.clearLiveness();
    this.setState("offline");
    if (terminalCloseCodes.has(code)) {
      this.closedFor = code;
      for (const fn of this.terminalListeners) fn(code);
      return;
    }
    if (!this.running) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? defaultBackoff, this.options.random);
    this.retryTimer = this.clock.setTimeout(() => this.connect(), delay);
  }

  /** Back online or visible again: reconnect now, or probe a socket that may have died asleep. */
  private onWake(reason: WakeReason): void {
    if (!this.running || this.closedFor !== null) return;
    if (this.connection === "offline") return this.connect();
    if (this.connection !== "online" || this.rooms.size === 0) return;
    if (reason.kind === "visible" && reason.hiddenForMs < (this.options.longSleepMs ?? 30_000)) return;
    for (const room of this.rooms.keys()) this.resubscribe(room); // the `subscribed` reply proves it alive
    this.livenessTimer = this.clock.setTimeout(() => {
      this.detach();
      this.setState("offline");
      this.connect();
    }, this.options.livenessTimeoutMs ?? 10_000);
  }

  /** Forget the current socket without waiting for its close event (a dead one may never send it). */
  private detach(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try { ws.close(1000, "client closed"); } catch { /* already closed */ }
  }

  private setState(next: ConnectionState): void {
    if (next === this.connection) return;
    this.connection = next;
    for (const fn of this.stateListeners) fn(next);
  }

  private clearLiveness(): void {
    if (this.livenessTimer !== null) this.clock.clearTimeout(this.livenessTimer);
    this.livenessTimer = null;
  }

  private clearTimers(): void {
    this.clearLiveness();
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

function subscribe<T>(set: Set<Listener<T>>, fn: Listener<T>): () => void {
  set.add(fn);
  return () => void set.delete(fn);
}
