/**
 * Glue between one room's pure state (room-state.ts) and the socket
 * (socket.ts), with the timers both need. Framework-free: React reads it
 * through `subscribe`/`getSnapshot` (useSyncExternalStore). Nothing touches
 * the browser until `start()`, so it also renders the server pass.
 */
import { checkBody, defaultLimits, type BodyProblem, type ChatMessage, type UserRef } from "../../protocol/index";
import type { FetchLike } from "./history";
import { newClientMsgId } from "./ids";
import * as room from "./room-state";
import type { LiveRoomView, RoomExtras } from "./room-view";
import { ChatSocket, type ConnectionState } from "./socket";
import { noTyping, noteTyping, pruneTyping, stopTyping, typingNames, type TypingState } from "./typing";
import { onRoomFrame } from "./room-events";
import { loadOlder } from "./room-http";

export type LiveRoomInit = {
  room: { id: string; name: string; kind: "public" | "private" | "dm" };
  me: UserRef;
  initialMessages: ChatMessage[];
  initialCursor: number;
  olderBefore: number | null;
  socketUrl: string;
};

export type ControllerDeps = { socket?: ChatSocket; fetch?: FetchLike; now?: () => number };

/** Frames from other sidecars may be a moment out of order: wait before asking for a hole to be filled. */
const resyncGraceMs = 800;
const ackTimeoutMs = 10_000;

/** Fields without `private` are shared with room-events.ts and room-http.ts, its two halves. */
export class RoomController {
  state: room.RoomState;
  typing: TypingState = noTyping;
  extras: RoomExtras;
  subscribed = false;
  /** The last subscribe got `internal`: the next tick subscribes again. */
  subscribeFailed = false;
  readonly socket: ChatSocket;
  readonly fetch: FetchLike;
  readonly now: () => number;
  readonly roomId: string;
  private view: LiveRoomView;
  private readonly listeners = new Set<() => void>();
  private teardown: (() => void)[] = [];
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private lastReadSent = 0;

  constructor(init: LiveRoomInit, deps: ControllerDeps = {}) {
    this.roomId = init.room.id;
    this.now = deps.now ?? Date.now;
    this.fetch = deps.fetch ?? ((url, options) => fetch(url, options));
    this.socket = deps.socket ?? new ChatSocket(init.socketUrl);
    this.state = room.createRoomState({ roomId: init.room.id, me: init.me, messages: init.initialMessages, cursor: init.initialCursor });
    this.extras = { connection: "connecting", closedFor: null, typing: [], presence: null, roomError: null, olderBefore: init.olderBefore, loadingOlder: false };
    this.view = { ...this.extras, items: room.timeline(this.state) };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = (): LiveRoomView => this.view;

  start(): void {
    const tick = setInterval(() => this.tick(), 1000);
    this.teardown = [
      this.socket.onFrame((frame) => onRoomFrame(this, frame)),
      this.socket.onState((state) => this.onConnection(state)),
      this.socket.onTerminal((code) => this.setExtras({ closedFor: code })),
      this.socket.watchRoom(this.roomId, () => this.subscribeSince()),
      () => clearInterval(tick),
      () => this.resyncTimer && clearTimeout(this.resyncTimer),
    ];
    this.socket.start();
  }

  stop(): void {
    for (const undo of this.teardown) undo();
    this.teardown = [];
    this.resyncTimer = null;
    this.socket.stop();
    this.onConnection("offline");
  }

  /** Queue a message; returns why it was refused, or null. The body should already be trimmed. */
  send(body: string): BodyProblem | null {
    const problem = checkBody(body, defaultLimits.bodyCodePoints);
    if (problem) return problem;
    this.update(room.addPending(this.state, newClientMsgId(), body, this.now()));
    this.flushOutbox();
    return null;
  }

  retry(clientMsgId: string): void {
    this.update(room.retry(this.state, clientMsgId));
    this.flushOutbox();
  }

  typingNow(): void {
    this.socket.sendTyping(this.roomId);
  }

  /** The user has the newest messages on screen: move the read marker. */
  markSeen(): void {
    let newest = 0;
    for (const m of this.state.messages.values()) newest = Math.max(newest, m.seq);
    if (newest <= this.lastReadSent) return;
    this.lastReadSent = newest;
    this.socket.sendRead(this.roomId, newest);
  }

  loadOlder(): Promise<void> {
    return loadOlder(this);
  }

  dismissError(): void {
    this.setExtras({ roomError: null });
  }

  /** Write every unsent outbox entry, once the room's subscription is confirmed. */
  flushOutbox(): void {
    if (!this.subscribed) return;
    for (const entry of room.unsent(this.state)) {
      const frame = { type: "send", room: this.roomId, clientMsgId: entry.clientMsgId, body: entry.body } as const;
      if (this.socket.send(frame)) this.update(room.markSent(this.state, entry.clientMsgId, this.now()));
    }
  }

  /** After each frame: a hole that is still there after a short grace is filled by resubscribing. */
  scheduleResync(): void {
    if (this.resyncTimer || !room.needsResync(this.state)) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (room.needsResync(this.state)) this.socket.resubscribe(this.roomId);
    }, resyncGraceMs);
  }

  noteTyping(user: UserRef): void {
    this.setTyping(noteTyping(this.typing, user, this.now()));
  }

  stopTyping(userId: string): void {
    this.setTyping(stopTyping(this.typing, userId));
  }

  update(next: room.RoomState): void {
    if (next === this.state) return;
    const itemsChanged = next.messages !== this.state.messages || next.outbox !== this.state.outbox;
    this.state = next;
    if (itemsChanged) this.publish({ ...this.view, items: room.timeline(next) });
  }

  setExtras(patch: Partial<RoomExtras>): void {
    this.extras = { ...this.extras, ...patch };
    this.publish({ ...this.view, ...patch });
  }

  private subscribeSince(): number {
    this.update(room.markSubscribing(this.state));
    return room.cursor(this.state);
  }

  private onConnection(connection: ConnectionState): void {
    if (connection !== "online") {
      this.subscribed = false;
      this.update(room.connectionLost(this.state));
    }
    this.setExtras({ connection, ...(connection === "online" ? { closedFor: null } : {}) });
  }

  /** Once a second (start() sets the interval): retries, ack timeouts, typing expiry. */
  tick(): void {
    if (this.subscribeFailed && this.socket.state === "online") {
      this.subscribeFailed = false;
      this.socket.resubscribe(this.roomId);
    }
    if (this.subscribed) this.update(room.expireUnacked(this.state, this.now(), ackTimeoutMs));
    this.flushOutbox(); // entries an `internal` error put back
    this.setTyping(pruneTyping(this.typing, this.now()));
  }

  private setTyping(next: TypingState): void {
    if (next === this.typing) return;
    this.typing = next;
    this.setExtras({ typing: typingNames(next) });
  }

  private publish(view: LiveRoomView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}
