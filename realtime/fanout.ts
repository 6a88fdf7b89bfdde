import type { TemplatedApp, WebSocket } from "uWebSockets.js";
import type { Broker, Change } from "./broker/broker";
import type { RoomCursors } from "./room-cursors";
import { ephemeralTopicOf, topicOf } from "./socket";

type Buffered = { seq: number; frame: string };

/** How much a catch-up may hold, and what to do with its socket past it (close 4009). */
export type CatchUpLimit = { maxBytes: number; onOverflow: () => void };

/**
 * A socket between "read lastSeq" and "joined the topic" is catching up: every
 * message frame published for its room meanwhile is kept here, so nothing can
 * fall between the replay and the live stream. Only up to maxBytes: a socket
 * whose replay stalls while the room is busy would hold the room's whole
 * traffic. Past it the catch-up is cancelled and onOverflow closes the socket
 * 4009; the client resubscribes with since and loses nothing.
 */
export class CatchUp {
  readonly buffer: Buffered[] = [];
  private bytes = 0;
  cancelled = false;
  constructor(
    readonly roomId: string,
    private limit: CatchUpLimit,
  ) {}

  hold(seq: number, frame: string): void {
    if (this.cancelled) return;
    this.bytes += frame.length;
    if (this.bytes <= this.limit.maxBytes) return void this.buffer.push({ seq, frame });
    this.cancel();
    this.limit.onOverflow();
  }

  cancel(): void {
    this.cancelled = true;
    this.buffer.length = 0;
  }
}

/**
 * Room fan-out. Changes go to the room topic (never skipped: a socket that
 * cannot take them is closed 4009, see slow-consumers.ts); typing and presence
 * go to the room's ephemeral topic, which a socket under pressure leaves first.
 * With a cluster broker, RoomCursors drops duplicates and repairs holes.
 */
export class RoomFanout {
  private catchUps = new Map<string, Set<CatchUp>>();

  constructor(
    private app: TemplatedApp,
    private broker: Broker,
    private cursors: RoomCursors | null,
  ) {
    broker.onEvent((roomId, event) => {
      if (event.kind === "changes") for (const { seq, frame } of event.changes) this.acceptChange(roomId, seq, frame);
      else if (event.kind === "ephemeral") this.publishLocal(roomId, event.frame);
    });
  }

  /** Committed changes of one room, in seq order (message frames, pre-serialised once), to every subscriber everywhere. */
  publishChanges(roomId: string, changes: Change[]): void {
    for (const { seq, frame } of changes) this.acceptChange(roomId, seq, frame);
    this.broker.publish(roomId, { kind: "changes", changes });
  }

  /** An ephemeral frame from a socket (typing) to everyone else in the room; uWS skips the sender. */
  publishFromSocket(ws: WebSocket<unknown>, roomId: string, frame: string): void {
    ws.publish(ephemeralTopicOf(roomId), frame, false);
    this.broker.publish(roomId, { kind: "ephemeral", frame });
  }

  /** Ephemeral frames (presence) for this sidecar's subscribers only. */
  publishLocal(roomId: string, frame: string): void {
    this.app.publish(ephemeralTopicOf(roomId), frame, false);
  }

  /** A local socket starts subscribing: hear the room from the broker before reading its lastSeq. */
  watchRoom(roomId: string): Promise<void> {
    return this.cursors ? this.cursors.watch(roomId) : Promise.resolve();
  }

  unwatchRoom(roomId: string): void {
    this.cursors?.unwatch(roomId);
  }

  beginCatchUp(roomId: string, limit: CatchUpLimit): CatchUp {
    const catchUp = new CatchUp(roomId, limit);
    const set = this.catchUps.get(roomId) ?? new Set();
    set.add(catchUp);
    this.catchUps.set(roomId, set);
    return catchUp;
  }

  endCatchUp(catchUp: CatchUp): void {
    const set = this.catchUps.get(catchUp.roomId);
    set?.delete(catchUp);
    if (set?.size === 0) this.catchUps.delete(catchUp.roomId);
  }

  /** Local delivery without the duplicate check: the cursors' own repairs come in here. */
  deliverLocally(roomId: string, seq: number, frame: string): void {
    this.app.publish(topicOf(roomId), frame, false);
    for (const catchUp of this.catchUps.get(roomId) ?? []) catchUp.hold(seq, frame);
  }

  private acceptChange(roomId: string, seq: number, frame: string): void {
    if (!this.cursors || this.cursors.accept(roomId, seq)) this.deliverLocally(roomId, seq, frame);
  }
}
