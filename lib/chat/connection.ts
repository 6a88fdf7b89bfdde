/**
 * The browser's reconnecting WebSocket to the sidecar, free of React: connect, backoff, liveness, listeners,
 * and the rooms to rejoin after every `ready`. What a room sends is its own state (room-reducer.ts): one
 * connection can carry several rooms.
 */
import { terminalCloseCodes, type ClientFrame, type ServerFrame } from "../../protocol/index";
import { backoffDelay, defaultBackoff, type BackoffOptions } from "./backoff";
import { realClock, type Clock } from "./clock";
import { watchWake, type WakeReason } from "./wake";
import { abnormalClosure, closeQuietly, Listeners, openSocket, parseServerFrame, type SocketLike } from "./wire";

export type ConnectionState = "connecting" | "online" | "offline";

/** After a wake-up (online again, or hidden > longSleepMs) the socket is probed: silence for livenessTimeoutMs = dead. */
export type ConnectionOptions = {
  createSocket?: (url: string) => SocketLike; random?: () => number; clock?: Clock; backoff?: BackoffOptions;
  livenessTimeoutMs?: number; longSleepMs?: number; wake?: typeof watchWake;
};

export class ChatConnection {
  private ws: SocketLike | null = null;
  private running = false;
  private attempt = 0;
  private connection: ConnectionState = "connecting";
  private closedFor: number | null = null;
  private timer: unknown = null; // the reconnect delay while offline, or the liveness probe while online
  private stopWake: () => void = () => {};
  private readonly rooms = new Map<string, () => void>(); // watched rooms: each rejoins after every `ready`
  private readonly listeners = { frame: new Listeners<ServerFrame>(), state: new Listeners<ConnectionState>(), terminal: new Listeners<number>() };
  private get clock(): Clock { return this.options.clock ?? realClock; }

  constructor(private readonly url: string, private readonly options: ConnectionOptions = {}) {}

  get state(): ConnectionState { return this.connection; }
  /** The terminal close code (CloseCode.sessionExpired, CloseCode.abuse) that stopped reconnecting, if any. */
  get terminalCode(): number | null { return this.closedFor; }

  onFrame(fn: (frame: ServerFrame) => void): () => void { return this.listeners.frame.add(fn); }
  onState(fn: (state: ConnectionState) => void): () => void { return this.listeners.state.add(fn); }
  /** A close after which it does not reconnect (terminalCloseCodes). */
  onTerminal(fn: (code: number) => void): () => void { return this.listeners.terminal.add(fn); }

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
    this.clearTimer();
    this.detach();
    this.setState("offline");
  }

  /** Keep `room` joined across reconnects: `rejoin` runs now if online, and after every `ready`. */
  watchRoom(room: string, rejoin: () => void): () => void {
    this.rooms.set(room, rejoin);
    if (this.connection === "online") rejoin();
    return () => {
      this.rooms.delete(room);
      this.send({ type: "unsubscribe", room });
    };
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

  private connect(): void {
    this.clearTimer();
    this.setState("connecting");
    const ws = openSocket(this.url, this.options.createSocket);
    if (!ws) return this.afterClose(abnormalClosure);
    this.ws = ws;
    ws.onmessage = (event) => { if (this.ws === ws) this.receive(event.data); };
    ws.onclose = (event) => { if (this.ws === ws) { this.ws = null; this.afterClose(event.code); } };
    ws.onerror = () => {}; // a close event always follows; it decides what to do
  }

  private receive(data: unknown): void {
    this.clearTimer();
    const frame = parseServerFrame(data);
    if (!frame) return;
    if (frame.type === "ready") {
      this.attempt = 0;
      this.setState("online");
      for (const rejoin of this.rooms.values()) rejoin();
    }
    this.listeners.frame.emit(frame);
  }

  private afterClose(code: number): void {
    this.clearTimer();
    this.setState("offline");
    if (terminalCloseCodes.has(code)) {
      this.closedFor = code;
      this.listeners.terminal.emit(code);
      return;
    }
    if (!this.running) return;
    this.arm(() => this.connect(), backoffDelay(this.attempt++, this.options.backoff ?? defaultBackoff, this.options.random));
  }

  /** Back online or visible again: reconnect now, or probe a socket that may have died asleep. */
  private onWake(reason: WakeReason): void {
    if (!this.running || this.closedFor !== null) return;
    if (this.connection === "offline") return this.connect();
    if (this.connection !== "online" || this.rooms.size === 0) return;
    if (reason.kind === "visible" && reason.hiddenForMs < (this.options.longSleepMs ?? 30_000)) return;
    for (const rejoin of this.rooms.values()) rejoin(); // the `subscribed` reply proves it alive
    this.arm(() => {
      this.detach();
      this.setState("offline");
      this.connect();
    }, this.options.livenessTimeoutMs ?? 10_000);
  }

  /** Forget the current socket without waiting for its close event (a dead one may never send it). */
  private detach(): void {
    if (this.ws) closeQuietly(this.ws);
    this.ws = null;
  }

  private setState(next: ConnectionState): void {
    if (next === this.connection) return;
    this.connection = next;
    this.listeners.state.emit(next);
  }

  private arm(fn: () => void, ms: number): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(fn, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
