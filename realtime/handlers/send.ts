import type { WrittenMessage } from "../../db/queries/message-batch";
import { ChatError, checkBody, CloseCode, unstorableTextMessage, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { sendToAck } from "../metrics/registry";
import type { Verdict } from "../rate-limit";
import { joinVisitedRoom, requireRoom } from "../room-access";
import { closeSocket, sendAckSoon, type ClientSocket } from "../socket";
import { replyError } from "./reply-error";

type SendFrame = ClientFrameOf<"send">;
/** The frame, and when its handling started (performance.now(), for the send-to-ack histogram). */
type TimedSend = SendFrame & { started: number };

/*
 * send {room, clientMsgId, body}: body, room access, rate limit, then the
 * batch writer; the ack follows the commit. A resend of a stored clientMsgId
 * must get the original ack and cost nothing: the batch finds the original
 * and the point is refunded. Only a refused send looks for a stored original
 * (one lookup), so the hot path has no extra query.
 *
 * The send is queued at once, in arrival order (so a sender's messages take
 * seqs in the order sent), together with its rate-limit verdict still on its
 * way: the writer waits for the verdict only when the send's batch starts,
 * so the Redis round trip overlaps the batch in flight instead of adding to
 * the send's latency. A refused send is dropped from its batch unwritten.
 */
export async function handleSend(ctx: SidecarContext, ws: ClientSocket, frame: SendFrame) {
  const started = performance.now();
  checkSendBody(frame.body, ctx.config.limits.maxBodyCodePoints);
  const data = ws.getUserData();
  // A visitor of a public room joins it only once the send is stored: a refused send changes nothing.
  const member = await requireRoom(ctx, ws, frame.room, { join: false });
  const verdict = ctx.limiters.send.consume(data.user.id);
  const written = ctx.writer.enqueue({
    roomId: frame.room,
    author: data.user,
    clientMsgId: frame.clientMsgId,
    body: frame.body,
    admitted: verdict.then((v) => v === "ok"),
  });
  ctx.track(answer(ctx, ws, { ...frame, started }, verdict, written, member));
}

async function answer(
  ctx: SidecarContext,
  ws: ClientSocket,
  frame: TimedSend,
  verdict: Promise<Verdict>,
  written: Promise<WrittenMessage | null>,
  member: boolean,
) {
  const data = ws.getUserData();
  // Still counts as queued (the flood guard), and its body as held, until answered.
  data.queued++;
  data.queuedBytes += frame.body.length;
  try {
    const [v, w] = await Promise.all([verdict, written]);
    if (v === "ok" && w && !member) await joinVisitedRoom(ctx, ws, frame.room);
    await reply(ctx, ws, frame, v, w);
  } catch (error) {
    replyError(ctx, ws, error, frame.clientMsgId);
  } finally {
    data.queued--;
    data.queuedBytes -= frame.body.length;
  }
}

async function reply(ctx: SidecarContext, ws: ClientSocket, frame: TimedSend, verdict: Verdict, written: WrittenMessage | null) {
  const { user } = ws.getUserData();
  if (verdict !== "ok" || !written) {
    // Refused: a resend of a stored message is still answered, and its point given back.
    const stored = await ctx.reads.storedSend(user.id, frame.clientMsgId);
    if (stored) {
      await ctx.limiters.send.refund(user.id);
      return ack(ws, frame, stored);
    }
    // Answered here, not thrown: the refusals before an abuse close must reach the client first.
    if (verdict === "abuse") return closeSocket(ws, CloseCode.abuse);
    return replyError(ctx, ws, new ChatError("rate_limited", "too many messages; slow down"), frame.clientMsgId);
  }
  if (written.duplicate) await ctx.limiters.send.refund(user.id);
  ack(ws, frame, written);
}

export function checkSendBody(body: string, max: number): void {
  const problem = checkBody(body, max);
  if (problem === "empty") throw new ChatError("bad_request", "body is empty");
  if (problem === "unstorable") throw new ChatError("bad_request", `body ${unstorableTextMessage}`);
  if (problem === "too_large") throw new ChatError("too_large", `body is over ${max} code points`);
}

function ack(ws: ClientSocket, { clientMsgId, started }: TimedSend, m: { roomId: string; id: number; seq: number }): void {
  sendToAck.observe((performance.now() - started) / 1000);
  sendAckSoon(ws, { type: "ack", clientMsgId, room: m.roomId, id: String(m.id), seq: m.seq });
}
