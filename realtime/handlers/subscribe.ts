import { ChatError, CloseCode, encodeFrame, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import type { CatchUp } from "../catch-up";
import { framesOut } from "../metrics/registry";
import { requireRoom } from "../room-access";
import { ephemeralTopicOf, topicOf } from "../room-topics";
import { closeSocket, drained, sendFrame, sendRaw, type ClientSocket } from "../socket";
import { admitFrame, checkRoomCap } from "./admit";
import { leaveRoom } from "./unsubscribe";

/*
 * subscribe {room, since?}: counted against the user's subscribe budget and
 * the socket's room cap first (refused: nothing changes, an existing
 * subscription stays). Then the access rule decides (a public room is
 * joined, a room the user may not see is not_found). Then, with no gap between the
 * replay and the live stream: start buffering live frames for the room, make
 * sure the broker delivers the room here, read lastSeq, replay (since,
 * lastSeq], send the buffered frames above lastSeq, and only then join the
 * uWS topic, all in one synchronous step.
 */
export async function handleSubscribe(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"subscribe">) {
  await admitFrame(ctx, ws, "subscribe");
  checkRoomCap(ctx, ws, frame.room);
  const data = ws.getUserData();
  data.catchUps?.get(frame.room)?.cancel();
  // Leave the topic while catching up, so replayed and live frames cannot interleave.
  if (data.rooms?.has(frame.room)) ws.unsubscribe(topicOf(frame.room));
  const catchUp = ctx.fanout.beginCatchUp(frame.room, {
    maxBytes: ctx.config.socketMemory.replayBufferBytes,
    onOverflow: () => closeSocket(ws, CloseCode.slowConsumer),
  });
  (data.catchUps ??= new Map()).set(frame.room, catchUp);
  try {
    const lastSeq = await openRoom(ctx, ws, frame.room);
    const { since } = frame;
    const recovered = since === undefined || (since <= lastSeq && lastSeq - since <= ctx.config.limits.recoverMaxChanges);
    if (catchUp.cancelled) return;
    sendFrame(ws, { type: "subscribed", room: frame.room, lastSeq, recovered });
    if (since !== undefined && recovered) await replay(ctx, ws, catchUp, since, lastSeq);
    await ctx.presence.prepare(frame.room);
    if (catchUp.cancelled || data.closed) return;
    goLive(ctx, ws, catchUp, lastSeq);
  } catch (error) {
    leaveRoom(ctx, ws, frame.room);
    throw error;
  } finally {
    ctx.fanout.endCatchUp(catchUp);
    if (data.catchUps?.get(frame.room) === catchUp) data.catchUps.delete(frame.room);
  }
}

/** Access (a public room is joined), then the broker subscription, and only then the room's lastSeq. */
async function openRoom(ctx: SidecarContext, ws: ClientSocket, roomId: string): Promise<number> {
  const data = ws.getUserData();
  await requireRoom(ctx, ws, roomId);
  if (!data.watching?.has(roomId)) {
    (data.watching ??= new Set()).add(roomId);
    await ctx.fanout.watchRoom(roomId);
  }
  const lastSeq = await ctx.reads.lastSeq(roomId);
  if (lastSeq === undefined) throw new ChatError("not_found", "room not found");
  return lastSeq;
}

/** Changes read per page of a replay: all a stalled replay holds at once, whatever the gap. */
const replayPage = 256;

/**
 * Replay (since, lastSeq] page by page, pausing while the client drains
 * (closed 4009 if it stalls: socket.ts drained); live frames keep buffering
 * meanwhile, up to their cap (catch-up.ts).
 */
async function replay(ctx: SidecarContext, ws: ClientSocket, catchUp: CatchUp, since: number, lastSeq: number) {
  const data = ws.getUserData();
  for (let after = since; after < lastSeq && !catchUp.cancelled; after += replayPage) {
    const changes = await ctx.reads.changes(catchUp.roomId, after, Math.min(lastSeq, after + replayPage));
    for (const { frame } of changes) {
      if (catchUp.cancelled || data.closed) return;
      await drained(ws, ctx.config.maxBackpressureBytes, ctx.config.socketMemory.replayDrainTimeoutMs);
      framesOut.inc("message");
      sendRaw(ws, frame);
    }
  }
}

/** Synchronous on purpose: nothing can be published between flushing the buffer and joining the topic. */
function goLive(ctx: SidecarContext, ws: ClientSocket, catchUp: CatchUp, lastSeq: number): void {
  const data = ws.getUserData();
  const roomId = catchUp.roomId;
  ws.cork(() => {
    let sent = lastSeq;
    for (const live of [...catchUp.buffer].sort((a, b) => a.seq - b.seq)) {
      if (live.seq <= sent) continue;
      ws.send(live.frame, false);
      framesOut.inc("message");
      sent = live.seq;
    }
    ws.subscribe(topicOf(roomId));
    if (!data.ephemeralPaused) ws.subscribe(ephemeralTopicOf(roomId));
    if (!data.rooms?.has(roomId)) {
      (data.rooms ??= new Set()).add(roomId);
      ctx.presence.join(roomId, data.user);
    }
    ws.send(encodeFrame(ctx.presence.snapshot(roomId)), false);
    framesOut.inc("presence");
  });
}
