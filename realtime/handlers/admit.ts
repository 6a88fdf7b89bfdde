import { ChatError, CloseCode } from "../../protocol";
import type { SidecarContext } from "../context";
import type { LimitedFrame } from "../frame-limiters";
import { closeSocket, type ClientSocket } from "../socket";

/**
 * Count one frame against the user's budget for its kind, before it touches
 * the database. Over the budget it is refused (`rate_limited`, nothing
 * changes); the fifth refusal in a window closes the socket with 4008. Sends
 * do not come here: their verdict overlaps the batch (send.ts).
 */
export async function admitFrame(ctx: SidecarContext, ws: ClientSocket, kind: Exclude<LimitedFrame, "send">): Promise<void> {
  const verdict = await ctx.limiters[kind].consume(ws.getUserData().user.id);
  if (verdict === "ok") return;
  // The refusals before it were answered in order (frames of a socket run one at a time).
  if (verdict === "abuse") closeSocket(ws, CloseCode.abuse);
  throw new ChatError("rate_limited", `too many ${kind} frames; slow down`);
}

/** Rooms one socket may be subscribed to at once; re-subscribing to one of them is always fine. */
export function checkRoomCap(ctx: SidecarContext, ws: ClientSocket, roomId: string): void {
  const data = ws.getUserData();
  const max = ctx.config.limits.maxRoomsPerSocket;
  if (data.watching?.has(roomId) || data.rooms?.has(roomId)) return;
  if ((data.watching?.size ?? 0) >= max) {
    throw new ChatError("rate_limited", `subscribed to ${max} rooms already; unsubscribe from one first`);
  }
}
