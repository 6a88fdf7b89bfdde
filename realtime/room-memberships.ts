import { accessKey, getRoomAccessMany, getRoomLastSeqs } from "../db/queries/rooms";
import type { RoomNotice } from "../db/queries/room-notices";
import { encodeFrame, type ServerFrameOf } from "../protocol";
import type { SidecarContext } from "./context";
import { leaveRoom } from "./handlers/unsubscribe";
import { framesOut } from "./metrics/registry";
import { sendFrame, type ClientSocket } from "./socket";
import type { SocketRegistry } from "./socket-registry";

/** Sockets' rooms per query when every socket is checked again. */
const recheckChunk = 1000;

/*
 * Membership changes made by the web app take effect on every sidecar at once.
 * The path: the web app's transaction NOTIFYs room_changed
 * (db/queries/room-notices.ts); PostgreSQL delivers it after the commit to
 * every sidecar's LISTEN connection (revocation-listener.ts), so this works
 * with one sidecar and no Redis as with many, and needs no second fan-out
 * path. Here, per notice:
 * - access reads in flight are read again (room-reads.ts invalidateAccess):
 *   one that started before the commit cannot grant the room afterwards;
 * - the sockets of the user who is out (everyone's, for a deleted room) lose
 *   the room's grant (room-access.ts), leave its topics, presence and
 *   catch-up (leaveRoom), and get `removed`; their next frame for the room
 *   reads the database again and gets not_found;
 * - the room's other subscribers get `removed` with the user (their members
 *   list drops them) or `renamed`.
 * A notice sent while the LISTEN connection was down is lost, so when it
 * comes back every socket's rooms are checked against the database again.
 */
export class RoomMemberships {
  constructor(
    private ctx: SidecarContext,
    private registry: SocketRegistry,
    /** A frame to this sidecar's subscribers of the room (the uWS topic). */
    private publish: (roomId: string, text: string) => void,
  ) {}

  apply(notice: RoomNotice): void {
    this.ctx.reads.invalidateAccess();
    const room = notice.room;
    if (notice.kind === "renamed") {
      framesOut.inc("renamed");
      return this.publish(room, encodeFrame({ type: "renamed", room, name: notice.name }));
    }
    if (notice.kind === "deleted") {
      const frame: ServerFrameOf<"removed"> = { type: "removed", room, reason: "deleted" };
      for (const [, mine] of this.registry.users()) for (const ws of [...mine]) this.putOut(ws, room, frame);
      return;
    }
    const frame: ServerFrameOf<"removed"> = { type: "removed", room, reason: notice.reason, user: notice.user };
    let out = 0;
    for (const ws of [...this.registry.ofUser(notice.user.id)]) out += this.putOut(ws, room, frame) ? 1 : 0;
    // After they left the topic, so they get it once: the others drop the user from their members list.
    this.publish(room, encodeFrame(frame));
    framesOut.inc("removed");
    if (out > 0) this.ctx.log.info({ room, userId: notice.user.id, out }, "member out: sockets left the room");
  }

  /** Check every socket's rooms against the database (after the listener was away). */
  async recheckAll(): Promise<void> {
    const pairs: { ws: ClientSocket; roomId: string }[] = [];
    for (const [, mine] of this.registry.users()) {
      for (const ws of mine) {
        const data = ws.getUserData();
        for (const roomId of new Set([...(data.grants ?? []), ...(data.rooms ?? [])])) pairs.push({ ws, roomId });
      }
    }
    for (let i = 0; i < pairs.length; i += recheckChunk) {
      const chunk = pairs.slice(i, i + recheckChunk);
      const userOf = (ws: ClientSocket) => ws.getUserData().user;
      const access = await getRoomAccessMany(this.ctx.db, chunk.map(({ ws, roomId }) => ({ roomId, userId: userOf(ws).id })));
      const lost = chunk.filter(({ ws, roomId }) => !access.has(accessKey({ roomId, userId: userOf(ws).id })));
      if (lost.length === 0) continue;
      const existing = await getRoomLastSeqs(this.ctx.db, lost.map((p) => p.roomId));
      for (const { ws, roomId } of lost) {
        const gone = !existing.has(roomId);
        this.putOut(ws, roomId, gone ? { type: "removed", room: roomId, reason: "deleted" } : { type: "removed", room: roomId, reason: "removed", user: userOf(ws) });
      }
    }
  }

  /** True if the socket was in (or on its way into) the room. */
  private putOut(ws: ClientSocket, roomId: string, frame: ServerFrameOf<"removed">): boolean {
    const data = ws.getUserData();
    const granted = data.grants?.delete(roomId) ?? false;
    const inRoom = granted || data.rooms?.has(roomId) || data.catchUps?.has(roomId) || data.watching?.has(roomId);
    if (!inRoom) return false;
    leaveRoom(this.ctx, ws, roomId);
    sendFrame(ws, frame);
    return true;
  }
}
