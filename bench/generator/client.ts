import net from "node:net";
import { classify, engineIoReply, subscribeFrame, type Dialect, type FrameKind } from "./dialects";
import { encodeFrame, FrameReader, Opcode } from "./wire";

/*
 * One WebSocket client over a raw TCP socket from a chosen source address.
 * Counts frames by kind into shared counters; a probe client also hands
 * message frames to onMessage (latency). Subscribes to its rooms once ready.
 */
export type RoomSpec = { room: string; since?: number };
export type ClientSpec = { token?: string; rooms: RoomSpec[]; sender?: boolean; probe?: boolean };
export type Counters = Record<FrameKind | "opened" | "failed" | "retried" | "closed" | "fullySubscribed", number>;

export const emptyCounters = (): Counters => ({
  opened: 0, failed: 0, retried: 0, closed: 0, fullySubscribed: 0, message: 0, ack: 0, subscribed: 0, ready: 0, error: 0, other: 0,
});

/** A server that has not answered the upgrade by then is given up on (the worker retries). */
const handshakeTimeoutMs = 3000;

export type ClientOptions = {
  url: URL;
  dialect: Dialect;
  localAddress: string;
  counters: Counters;
  onMessage?: (data: Buffer, start: number, end: number) => void;
};

export class RawClient {
  readonly socket: net.Socket;
  private subscribedRooms = 0;
  /** The server answered 101: a failure after this is not worth a retry. */
  handshakeDone = false;
  private head = "";
  private reader: FrameReader;
  /** Resolves true once subscribed to every room, false when the socket fails or closes first. */
  readonly settled: Promise<boolean>;
  private settle!: (ok: boolean) => void;
  failure = "";

  constructor(
    readonly spec: ClientSpec,
    private options: ClientOptions,
  ) {
    this.settled = new Promise((resolve) => (this.settle = resolve));
    this.reader = new FrameReader((op, data, start, end) => this.onFrame(op, data, start, end));
    const { url, localAddress } = options;
    this.socket = net.connect({ host: url.hostname, port: Number(url.port), localAddress, noDelay: true });
    const handshakeTimer = setTimeout(() => this.fail("no upgrade answer"), handshakeTimeoutMs);
    this.settled.finally(() => clearTimeout(handshakeTimer)).catch(() => {});
    this.socket.on("connect", () => this.socket.write(this.upgradeRequest()));
    this.socket.on("data", (chunk) => (this.handshakeDone ? this.reader.feed(chunk) : this.onHandshake(chunk)));
    this.socket.on("error", (error) => this.fail(error.message));
    this.socket.on("close", () => this.fail("closed"));
  }

  /** For a failure report: how far this client got. */
  describe(): string {
    const s = this.socket;
    return `handshake=${this.handshakeDone} subscribed=${this.subscribedRooms}/${this.spec.rooms.length} connecting=${s.connecting} local=${s.localAddress}:${s.localPort} head=${JSON.stringify(this.head.slice(0, 40))}`;
  }

  write(frames: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(frames);
  }

  private upgradeRequest(): string {
    const { url } = this.options;
    const auth = this.spec.token ? `Authorization: Bearer ${this.spec.token}\r\n` : "";
    return (
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${auth}\r\n`
    );
  }

  private onHandshake(chunk: Buffer): void {
    this.head += chunk.toString("latin1");
    const end = this.head.indexOf("\r\n\r\n");
    if (end < 0) return;
    const status = this.head.slice(9, 12);
    if (status !== "101") return this.fail(`HTTP ${status}`);
    this.handshakeDone = true;
    this.options.counters.opened++;
    const rest = Buffer.from(this.head.slice(end + 4), "latin1");
    this.head = "";
    if (rest.length > 0) this.reader.feed(rest);
  }

  private onFrame(opcode: number, data: Buffer, start: number, end: number): void {
    if (opcode === Opcode.ping) return this.write(encodeFrame(data.subarray(start, end), Opcode.pong));
    if (opcode === Opcode.close) return void this.socket.end();
    if (opcode !== Opcode.text) return;
    const { counters, dialect } = this.options;
    const kind = classify(dialect, data, start, end);
    counters[kind]++;
    if (kind === "message") this.options.onMessage?.(data, start, end);
    else if (kind === "ready") this.subscribe();
    else if (kind === "subscribed" && ++this.subscribedRooms === this.spec.rooms.length) this.becomeSubscribed();
    else if (kind === "other" && dialect === "socket.io") {
      const reply = engineIoReply(data, start, end);
      if (reply) this.write(encodeFrame(reply));
    }
  }

  private subscribe(): void {
    if (this.spec.rooms.length === 0) return this.becomeSubscribed();
    const frames = this.spec.rooms.map((r) => encodeFrame(subscribeText(this.options.dialect, r)));
    this.write(Buffer.concat(frames));
  }

  private becomeSubscribed(): void {
    this.options.counters.fullySubscribed++;
    this.settle(true);
  }

  private fail(reason: string): void {
    if (this.socket.destroyed && this.failure) return;
    if (!this.failure) {
      this.failure = reason;
      if (this.handshakeDone) this.options.counters.closed++;
      else this.options.counters.failed++;
    }
    this.socket.destroy();
    this.settle(false);
  }
}

const subscribeText = (dialect: Dialect, r: RoomSpec) => subscribeFrame(dialect, r.room, r.since);
