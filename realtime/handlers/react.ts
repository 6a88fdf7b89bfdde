import { setReaction } from "../../db/queries/message-writes";
import type { ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import type { ClientSocket } from "../socket";
import { admitFrame } from "./admit";
import { applyChange } from "./change";

/**
 * react {room, id, emoji, on, reqId}: anyone who can see the room; a no-op
 * toggle is acked with the current version. The emoji is one real emoji (the
 * protocol's schema checked it); a new distinct one on a message that has
 * the most allowed is refused inside the write's transaction.
 */
export async function handleReact(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"react">) {
  await admitFrame(ctx, ws, "react");
  const reaction = { emoji: frame.emoji, on: frame.on, maxDistinct: ctx.config.limits.maxReactionsPerMessage };
  await applyChange(ctx, ws, frame, (target) => setReaction(ctx.db, target, reaction));
}
