import { setReaction } from "../../db/queries/message-writes";
import type { ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import type { ChatSocket } from "../socket";
import { applyChange } from "./change";

/** react {room, id, emoji, on, reqId}: anyone who can see the room; a no-op toggle is acked with the current version. */
export async function handleReact(ctx: SidecarContext, ws: ChatSocket, frame: ClientFrameOf<"react">) {
  await applyChange(ctx, ws, frame, (target) => setReaction(ctx.db, target, frame.emoji, frame.on));
}
