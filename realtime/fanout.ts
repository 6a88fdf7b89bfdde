import type { WebSocket } from "uWebSockets.js";
import { encodeFrame, messageFrame, type ChatMessage } from "../protocol";
import type { Broker, Change } from "./broker/broker";
import type { CatchUp, CatchUpLimit } from "./catch-up";
import { framesOut } from "./metrics/registry";
import type { RoomCursors } from "./room-cursors";
import { ephemeralTopicOf, userTopicOf, type RoomTopics } from "./room-topics";

/**
 * Room fan-out. Changes go to the room topic (never skipped: a socket that
 * cannot take them is closed 4009, see slow-consumers.ts); typing and presence
 * go to the room's ephemeral topic, which a socket under pressure leaves first.
 * With a cluster broker, RoomCursors drops duplicates and repairs holes.
 */
export class RoomFanout {
  /** Local sockets per user: the first one makes this sidecar hear the user's broker channel. */
  private users = new Map<string, number>();

  constructor(
    private topics: RoomTopics,
    private broker: Broker,
    private cursors: RoomCursors | null,
  ) {
    broker.onEvent((roomId, event) => {
      if (event.kind === "changes") for (const { seq, frame } of event.changes) this.acceptChange(roomId, seq, frame);
      else if (event.kind === "ephemeral") this.deliverTyping(roomId, event.frame);
      else if (event.kind === "user") this.deliverRead(event.userId, event.frame);
    });
  }

  /**
   * After commit (called by the batch writer): a room's changed messages, in
   * seq order, to every subscriber here and, through the broker, on every
   * other sidecar. Each frame is serialised once, here, for all of them.
   */
  publishCommitted(roomId: string, messages: readonly ChatMessage[]): void {
    const changes: Change[] = messages.map((message) => ({ seq: message.version, frame: encodeFrame(messageFrame(roomId, message)) }));
    for (const { seq, frame } of changes) this.acceptChange(roomId, seq, frame);
    this.broker.publish(roomId, { kind: "changes", changes });
  }

  /** An ephemeral frame from a socket (typing) to everyone else in the room; uWS skips the sender. */
  publishFromSocket(ws: WebSocket<unknown>, roomId: string, frame: string): void {
    ws.publish(ephemeralTopicOf(roomId), frame, false);
    framesOut.inc("typing");
    this.broker.publish(roomId, { kind: "ephemeral", frame });
  }

  /** A socket opened: it hears frames for its user (userTopicOf), from this sidecar and the others. */
  watchUser(ws: WebSocket<unknown>, userId: string): void {
    ws.subscribe(userTopicOf(userId));
    const count = this.users.get(userId) ?? 0;
    this.users.set(userId, count + 1);
    if (count === 0) void this.broker.listen(userChannelOf(userId));
  }

  unwatchUser(userId: string): void {
    const count = (this.users.get(userId) ?? 1) - 1;
    if (count > 0) return void this.users.set(userId, count);
    this.users.delete(userId);
    this.broker.unlisten(userChannelOf(userId));
  }

  /** A frame to the user's other sockets, here (uWS skips the sender) and on every other sidecar. */
  publishToUser(ws: WebSocket<unknown>, userId: string, frame: string): void {
    ws.publish(userTopicOf(userId), frame, false);
    framesOut.inc("read");
    this.broker.publish(userChannelOf(userId), { kind: "user", userId, frame });
  }

  /** A local socket starts subscribing: hear the room from the broker before reading its lastSeq. */
  watchRoom(roomId: string): Promise<void> {
    return this.cursors ? this.cursors.watch(roomId) : Promise.resolve();
  }

  unwatchRoom(roomId: string): void {
    this.cursors?.unwatch(roomId);
  }

  /** Live changes of the room are kept for this socket from now until endCatchUp (catch-up.ts). */
  beginCatchUp(roomId: string, limit: CatchUpLimit): CatchUp {
    return this.topics.beginCatchUp(roomId, limit);
  }

  endCatchUp(catchUp: CatchUp): void {
    this.topics.endCatchUp(catchUp);
  }

  /** Another sidecar's ephemeral frame (typing) to the room's sockets here. */
  private deliverTyping(roomId: string, frame: string): void {
    this.topics.deliverEphemeral(roomId, frame);
    framesOut.inc("typing");
  }

  /** Another sidecar's frame for a user (a read marker) to the user's sockets here. */
  private deliverRead(userId: string, frame: string): void {
    this.topics.deliverToUser(userId, frame);
    framesOut.inc("read");
  }

  /** A change from this sidecar or the broker: delivered here unless the cursors saw it already. */
  private acceptChange(roomId: string, seq: number, frame: string): void {
    if (!this.cursors || this.cursors.accept(roomId, seq)) this.topics.deliverChange(roomId, seq, frame);
  }
}

/** The broker channel of one user's frames; room ids are UUIDs, so it never names a room. */
const userChannelOf = (userId: string) => `~user:${userId}`;
