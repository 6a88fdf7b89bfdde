import { ChatError, checkBody, CloseCode, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { requireRoom } from "../room-access";
import { closeSocket, sendFrame, type ChatSocket } from "../socket";
import { replyError } from "./reply-error";

/*
 * send {room, clientMsgId, body}: body, room access, then idempotency before
 * the rate limit: a clientMsgId already stored is answered with the original
 * ack without costing a point (a client resending after a reconnect must not
 * be throttled for it). New sends go to the batch writer; the ack follows the
 * commit. Two copies racing past the check are caught by the batch's ON
 * CONFLICT, and the loser's point is refunded.
 */
export async function handleSend(ctx: SidecarContext, ws: ChatSocket, frame: ClientFrameOf<"send">) {
  checkSendBody(frame.body, ctx.config.limits.maxBodyCodePoints);
  const { user } = ws.getUserData();
  await requireRoom(ctx, ws, frame.room);
  const stored = await ctx.storedLookup.find(user.id, frame.clientMsgId);
  if (stored) return ack(ws, frame.clientMsgId, stored);

  const verdict = await ctx.sendLimiter.consume(user.id);
  if (verdict === "abuse") closeSocket(ws, CloseCode.abuse);
  if (verdict !== "ok") throw new ChatError("rate_limited", "too many messages; slow down");

  // Not awaited: the next frame of this socket may join the same batch.
  const committed = ctx.writer
    .enqueue({ roomId: frame.room, author: user, clientMsgId: frame.clientMsgId, body: frame.body })
    .then(async (written) => {
      if (written.duplicate) await ctx.sendLimiter.refund(user.id);
      ack(ws, frame.clientMsgId, written);
    })
    .catch((error: unknown) => replyError(ctx, ws, error, frame.clientMsgId));
  ctx.track(committed);
}

export function checkSendBody(body: string, max: number): void {
  const problem = checkBody(body, max);
  if (problem === "empty") throw new ChatError("bad_request", "body is empty");
  if (problem === "too_large") throw new ChatError("too_large", `body is over ${max} code points`);
}

function ack(ws: ChatSocket, clientMsgId: string, m: { roomId: string; id: number; seq: number }): void {
  sendFrame(ws, { type: "ack", clientMsgId, room: m.roomId, id: String(m.id), seq: m.seq });
}
