import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { openPastUpgrade } from "../../../test/support/upgrade-drop";

export type Target = { port: number; token: string; localAddress: string };

/**
 * One load-generator socket (runs in a worker process, never in the
 * sidecar's). Remembers the highest seq seen in its room, so after a drop it
 * resubscribes with `since` and knows when it has caught up.
 */
export class BenchClient {
  ws: WebSocket | null = null;
  highest = 0;
  /** lastSeq of the latest subscribed: caught up once highest reaches it. */
  target: number | null = null;
  acks = 0;
  pending = 0;
  errors = 0;
  lastError = "";
  /** Close code of the latest socket, when the server (or the network) closed it. */
  closeCode: number | null = null;
  onAck: (() => void) | null = null;
  onProgress: (() => void) | null = null;
  private replaying = false;

  constructor(
    private readonly to: Target,
    readonly room: string,
  ) {}

  /** Open and wait for `ready` on a socket that survived its upgrade; rejects on refusal or after timeoutMs. */
  connect(timeoutMs = 30_000): Promise<void> {
    return openPastUpgrade(
      () => this.open(timeoutMs),
      () => ({ ws: this.ws!, closedWith: this.closeCode ?? undefined }),
    );
  }

  private open(timeoutMs: number): Promise<void> {
    const { port, token, localAddress } = this.to;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${token}` }, localAddress });
    this.ws = ws;
    this.closeCode = null;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("connect timeout")), timeoutMs);
      ws.on("error", () => {}); // a socket cut later is seen by the close, not as a crash
      ws.once("error", (e) => (clearTimeout(timer), reject(e)));
      ws.once("message", () => (clearTimeout(timer), resolve()));
      ws.once("close", () => (clearTimeout(timer), reject(new Error("closed before ready"))));
      ws.on("message", (data) => this.receive(String(data)));
      ws.on("close", (code) => {
        this.closeCode = code;
        this.onProgress?.();
      });
    });
  }

  subscribe(since?: number): void {
    this.target = null;
    this.replaying = since !== undefined;
    this.ws?.send(JSON.stringify({ type: "subscribe", room: this.room, ...(since === undefined ? {} : { since }) }));
  }

  get caughtUp(): boolean {
    return this.target !== null && this.highest >= this.target;
  }

  send(body: string): void {
    this.pending++;
    this.ws?.send(JSON.stringify({ type: "send", room: this.room, clientMsgId: randomUUID(), body }));
  }

  /** Drop at once, without a closing handshake (as a network cut would). */
  terminate(): void {
    // Its late close event must not be taken for the next socket's.
    this.ws?.removeAllListeners("message").removeAllListeners("close");
    this.ws?.terminate();
    this.ws = null;
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as { type: string; seq?: number; lastSeq?: number; message?: string };
    if (frame.type === "message" && frame.seq! > this.highest) this.highest = frame.seq!;
    else if (frame.type === "subscribed") {
      // Without `since` there is no replay: live frames start after lastSeq.
      if (!this.replaying) this.highest = Math.max(this.highest, frame.lastSeq!);
      this.target = frame.lastSeq!;
    }
    else if (frame.type === "ack") {
      this.acks++;
      this.pending--;
      this.onAck?.();
    } else if (frame.type === "error") {
      this.errors++;
      this.lastError = frame.message ?? "";
    }
    if (frame.type === "message" || frame.type === "subscribed") this.onProgress?.();
  }
}
