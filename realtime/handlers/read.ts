import { markRead } from "../../db/queries/rooms";
import { encodeFrame, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { requireRoom } from "../room-access";
import type { ClientSocket } from "../socket";
import { admitFrame } from "./admit";

/**
 * read {room, seq}: move the read marker forward (never back); no reply. The
 * user's other sockets (other tabs and devices, on any sidecar) get
 * `read {room, seq}`, so their unread counts drop too.
 */
export async function handleRead(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"read">) {
  await admitFrame(ctx, ws, "read");
  await requireRoom(ctx, ws, frame.room, { join: false });
  const userId = ws.getUserData().user.id;
  await markRead(ctx.db, frame.room, userId, frame.seq);
  if (ws.getUserData().closed) return;
  ctx.fanout.publishToUser(ws, userId, encodeFrame({ type: "read", room: frame.room, seq: frame.seq }));
}
