import WebSocket from "ws";
import type { FetchLike } from "../../lib/chat/history";
import { RoomController } from "../../lib/chat/room-controller";
import { ChatConnection } from "../../lib/chat/connection";
import { timeline, type TimelineItem } from "../../lib/chat/timeline";
import { abnormalClosure, type SocketLike } from "../../lib/chat/wire";

export type ChaosUser = { id: string; username: string; token: string };

/**
 * One simulated browser tab: the real client logic of lib/chat (ChatConnection's
 * reconnects with backoff, the room reducer's outbox, cursor and resync) over a
 * `ws` socket that sends the session JWT as a Bearer header. It records what
 * it sent, what was acked and how often each send was written to a socket.
 */
export class ChaosClient {
  readonly controller: RoomController;
  readonly sent: string[] = [];
  readonly acks = new Map<string, { id: string; seq: number }>();
  readonly writes = new Map<string, number>();
  readonly nodes: string[] = [];
  /** Every close code its sockets saw, and every error frame (code: message), in order. */
  readonly closeCodes: number[] = [];
  /** Sockets dropped by uWS right after `ready` (README, Known issues): not in closeCodes. */
  droppedAtUpgrade = 0;
  readonly errors: string[] = [];
  private sendTimer: NodeJS.Timeout | undefined;

  constructor(readonly user: ChaosUser, readonly roomId: string, socketUrl: string, fetch: FetchLike) {
    const connection = new ChatConnection(socketUrl, { createSocket: (url) => this.openSocket(url) });
    const init = { room: { id: roomId, name: roomId, kind: "public" as const }, me: { id: user.id, username: user.username } };
    this.controller = new RoomController({ ...init, initialMessages: [], initialCursor: 0, olderBefore: null }, { connection, fetch });
    connection.onFrame((frame) => {
      if (frame.type === "ack" && frame.clientMsgId) this.acks.set(frame.clientMsgId, { id: frame.id, seq: frame.seq });
      if (frame.type === "ready") this.nodes.push(frame.node);
      if (frame.type === "error") this.errors.push(`${frame.code}: ${frame.message}`);
    });
  }

  start(): void {
    this.controller.start();
    this.controller.connection.start();
  }

  /** Type a message every 300-500 ms, as a busy user would, online or not. */
  startSending(): void {
    const next = () => {
      this.sendOne();
      this.sendTimer = setTimeout(next, 300 + Math.random() * 200);
    };
    this.sendTimer = setTimeout(next, Math.random() * 400);
  }

  stopSending(): void {
    clearTimeout(this.sendTimer);
  }

  /** What a user does with a message marked failed: press retry (same clientMsgId). */
  retryFailed(): void {
    for (const entry of this.controller.state.outbox) {
      if (entry.status === "failed") this.controller.retry(entry.clientMsgId);
    }
  }

  get unacked(): number {
    return this.controller.state.outbox.length;
  }

  /** Everything the timeline shows, confirmed and not. */
  items(): TimelineItem[] {
    return timeline(this.controller.state);
  }

  stop(): void {
    this.stopSending();
    this.controller.stop();
    this.controller.connection.stop();
  }

  private sendOne(): void {
    const problem = this.controller.send(`${this.user.username} #${this.sent.length + 1}`);
    if (problem) throw new Error(`body refused: ${problem}`);
    this.sent.push(this.controller.state.outbox.at(-1)!.clientMsgId);
  }

  private openSocket(url: string): SocketLike {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.user.token}` } });
    let frames = 0;
    ws.on("message", () => frames++);
    ws.on("close", (code) => {
      if (code === abnormalClosure && frames === 1) this.droppedAtUpgrade++;
      else this.closeCodes.push(code);
    });
    const send = ws.send.bind(ws);
    ws.send = ((data: string) => {
      this.countWrite(data);
      send(data);
    }) as typeof ws.send;
    return ws as unknown as SocketLike;
  }

  private countWrite(data: string): void {
    const frame = JSON.parse(data) as { type: string; clientMsgId?: string };
    if (frame.type === "send" && frame.clientMsgId) this.writes.set(frame.clientMsgId, (this.writes.get(frame.clientMsgId) ?? 0) + 1);
  }
}
