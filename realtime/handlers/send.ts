import { ChatError, checkBody, CloseCode, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import type { SendVerdict } from "../rate-limit";
import { requireRoom } from "../room-access";
import { closeSocket, sendAckSoon, type ChatSocket } from "../socket";
import { replyError } from "./reply-error";

type SendFrame = ClientFrameOf<"send">;

/*
 * send {room, clientMsgId, body}: body, room access, rate limit, then the
 * batch writer; the ack follows the commit. A resend of a stored clientMsgId
 * must get the original ack and cost nothing: the batch finds the original
 * and the point is refunded. Only a refused send looks for a stored original
 * first (one lookup), so the hot path has no extra query.
 *
 * The rate-limit verdict (a Redis round trip) is not waited for in the
 * socket's frame queue: the next frames are read meanwhile, and the socket's
 * sends are admitted to the writer one after another in arrival order
 * (data.sends), so a sender's messages still take seqs in the order sent.
 */
export async function handleSend(ctx: SidecarContext, ws: ChatSocket, frame: SendFrame) {
  checkSendBody(frame.body, ctx.config.limits.maxBodyCodePoints);
  const data = ws.getUserData();
  await requireRoom(ctx, ws, frame.room);
  const verdict = ctx.sendLimiter.consume(data.user.id);
  // Still counts as queued (the flood guard) until admitted.
  data.queued++;
  const admitted = data.sends
    .then(() => verdict)
    .then((v) => admit(ctx, ws, frame, v))
    .catch((error: unknown) => replyError(ctx, ws, error, frame.clientMsgId))
    .finally(() => data.queued--);
  data.sends = admitted;
  ctx.track(admitted);
}

async function admit(ctx: SidecarContext, ws: ChatSocket, frame: SendFrame, verdict: SendVerdict): Promise<void> {
  const { user } = ws.getUserData();
  if (verdict !== "ok") {
    // Refused: a resend of a stored message is still answered, and its point given back.
    const stored = await ctx.reads.storedSend(user.id, frame.clientMsgId);
    if (stored) {
      await ctx.sendLimiter.refund(user.id);
      return ack(ws, frame.clientMsgId, stored);
    }
    if (verdict === "abuse") closeSocket(ws, CloseCode.abuse);
    throw new ChatError("rate_limited", "too many messages; slow down");
  }
  // Not awaited: the socket's next send may join the same batch.
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
  sendAckSoon(ws, { type: "ack", clientMsgId, room: m.roomId, id: String(m.id), seq: m.seq });
}
