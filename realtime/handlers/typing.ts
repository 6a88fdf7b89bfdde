import { encodeFrame, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { requireRoom } from "../room-access";
import type { ClientSocket } from "../socket";

/** typing {room}: to every other socket in the room (uWS ws.publish skips the sender); over the throttle, dropped. */
export async function handleTyping(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"typing">) {
  await requireRoom(ctx, ws, frame.room, { join: false });
  const data = ws.getUserData();
  if (data.closed || !ctx.typingThrottle.allow(`${data.user.id}/${frame.room}`)) return;
  ctx.fanout.publishFromSocket(ws, frame.room, encodeFrame({ type: "typing", room: frame.room, user: data.user }));
}
