import type { TemplatedApp } from "uWebSockets.js";
import { CatchUp, type CatchUpLimit } from "./catch-up";
import { framesOut } from "./metrics/registry";

/** Committed changes: never skipped for a socket (it is closed 4009 instead). */
export const topicOf = (roomId: string) => `room:${roomId}`;
/** Typing and presence: a socket under pressure leaves these first. */
export const ephemeralTopicOf = (roomId: string) => `live:${roomId}`;
/** Every socket of one user (read markers); each socket subscribes at open. */
export const userTopicOf = (userId: string) => `user:${userId}`;

/**
 * This sidecar's local delivery: a room's uWS topics, and the catch-ups of
 * sockets on their way into them. It decides nothing: RoomFanout (and the
 * repairs of RoomCursors) say what to deliver.
 */
export class RoomTopics {
  private catchUps = new Map<string, Set<CatchUp>>();

  constructor(private app: TemplatedApp) {}

  /** A committed change to every local subscriber, and to every socket catching up on the room. */
  deliverChange(roomId: string, seq: number, frame: string): void {
    this.app.publish(topicOf(roomId), frame, false);
    framesOut.inc("message");
    for (const catchUp of this.catchUps.get(roomId) ?? []) catchUp.hold(seq, frame);
  }

  /** A typing or presence frame to the room's local subscribers. */
  deliverEphemeral(roomId: string, frame: string): void {
    this.app.publish(ephemeralTopicOf(roomId), frame, false);
  }

  /** A frame to every local socket of the user. */
  deliverToUser(userId: string, frame: string): void {
    this.app.publish(userTopicOf(userId), frame, false);
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
}
