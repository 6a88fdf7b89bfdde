import type { ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { ephemeralTopicOf, topicOf } from "../room-topics";
import { sendFrame, type ClientSocket } from "../socket";

/** unsubscribe {room}: leave the topic (and cancel a catch-up in progress); idempotent. */
export async function handleUnsubscribe(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"unsubscribe">) {
  leaveRoom(ctx, ws, frame.room);
  sendFrame(ws, { type: "unsubscribed", room: frame.room });
}

export function leaveRoom(ctx: SidecarContext, ws: ClientSocket, roomId: string): void {
  const data = ws.getUserData();
  data.catchUps?.get(roomId)?.cancel();
  if (data.watching?.delete(roomId)) ctx.fanout.unwatchRoom(roomId);
  if (!data.rooms?.delete(roomId)) return;
  if (!data.closed) {
    ws.unsubscribe(topicOf(roomId));
    ws.unsubscribe(ephemeralTopicOf(roomId));
  }
  ctx.presence.leave(roomId, data.user.id);
}
