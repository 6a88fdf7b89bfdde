import type { WebSocket } from "uWebSockets.js";
import { encodeFrame, messageFrame, type ChatMessage } from "../protocol";
import type { Broker, Change } from "./broker/broker";
import type { CatchUp, CatchUpLimit } from "./catch-up";
import type { RoomCursors } from "./room-cursors";
import { ephemeralTopicOf, type RoomTopics } from "./room-topics";

/**
 * Room fan-out. Changes go to the room topic (never skipped: a socket that
 * cannot take them is closed 4009, see slow-consumers.ts); typing and presence
 * go to the room's ephemeral topic, which a socket under pressure leaves first.
 * With a cluster broker, RoomCursors drops duplicates and repairs holes.
 */
export class RoomFanout {
  constructor(
    private topics: RoomTopics,
    private broker: Broker,
    private cursors: RoomCursors | null,
  ) {
    broker.onEvent((roomId, event) => {
      if (event.kind === "changes") for (const { seq, frame } of event.changes) this.acceptChange(roomId, seq, frame);
      else if (event.kind === "ephemeral") topics.deliverEphemeral(roomId, event.frame);
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
    this.broker.publish(roomId, { kind: "ephemeral", frame });
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

  /** A change from this sidecar or the broker: delivered here unless the cursors saw it already. */
  private acceptChange(roomId: string, seq: number, frame: string): void {
    if (!this.cursors || this.cursors.accept(roomId, seq)) this.topics.deliverChange(roomId, seq, frame);
  }
}
