import { markRead } from "../../db/queries/rooms";
import type { ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { requireRoom } from "../room-access";
import type { ClientSocket } from "../socket";
import { admitFrame } from "./admit";

/** read {room, seq}: move the read marker forward (never back); no reply. */
export async function handleRead(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"read">) {
  await admitFrame(ctx, ws, "read");
  await requireRoom(ctx, ws, frame.room, { join: false });
  await markRead(ctx.db, frame.room, ws.getUserData().user.id, frame.seq);
}
