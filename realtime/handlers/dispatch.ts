import { CloseCode, frameRef, parseClientFrame, type ClientFrame, type ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import { framesIn } from "../metrics/registry";
import { closeSocket, sendFrame, type ClientSocket } from "../socket";
import { handleDelete } from "./delete";
import { handleEdit } from "./edit";
import { handleReact } from "./react";
import { handleRead } from "./read";
import { replyError } from "./reply-error";
import { handleSend } from "./send";
import { handleSubscribe } from "./subscribe";
import { handleTyping } from "./typing";
import { handleUnsubscribe } from "./unsubscribe";

type Handler<T extends ClientFrame["type"]> = (ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<T>) => Promise<void>;

const handlers: { [T in ClientFrame["type"]]: Handler<T> } = {
  subscribe: handleSubscribe,
  unsubscribe: handleUnsubscribe,
  send: handleSend,
  edit: handleEdit,
  delete: handleDelete,
  react: handleReact,
  typing: handleTyping,
  read: handleRead,
};

/**
 * Frames a socket may have waiting before it counts as flooding (close 4008,
 * abuse: no client needs a thousand frames in flight). Their size is capped
 * apart, by MAX_QUEUED_BYTES: past it the socket holds too much memory and is
 * closed 4009, like any socket that does (slow-consumers.ts); an honest client
 * reconnects and resends its unacked sends, losing nothing.
 */
const maxQueuedFrames = 1000;

/**
 * Every inbound text frame comes here. Frames of one socket are handled one
 * after another, in arrival order (a send's commit is not waited for, so sends
 * still share batches). Malformed frames get `bad_request` and the socket
 * stays open.
 */
export function dispatchFrame(ctx: SidecarContext, ws: ClientSocket, text: string): void {
  const data = ws.getUserData();
  if (++data.queued > maxQueuedFrames) return closeSocket(ws, CloseCode.abuse);
  data.queuedBytes += text.length;
  if (data.queuedBytes > ctx.config.socketMemory.maxQueuedBytes) return closeSocket(ws, CloseCode.slowConsumer);
  const run = data.queue.then(async () => {
    data.queued--;
    data.queuedBytes -= text.length;
    if (!data.closed) await handleText(ctx, ws, text);
  });
  data.queue = run;
  ctx.track(run);
}

async function handleText(ctx: SidecarContext, ws: ClientSocket, text: string): Promise<void> {
  const parsed = parseClientFrame(text);
  framesIn.inc(parsed.ok ? parsed.frame.type : "invalid");
  if (!parsed.ok) {
    sendFrame(ws, { type: "error", code: "bad_request", message: parsed.message, ...(parsed.ref ? { ref: parsed.ref } : {}) });
    return;
  }
  const frame = parsed.frame;
  // Draining: a send is not started, so not answered; the client's outbox sends it again after its
  // reconnect (drain.ts). Other frames (edits, reactions...) are not resent by the client: they run.
  if (frame.type === "send" && ctx.readiness.draining) return;
  try {
    await (handlers[frame.type] as Handler<ClientFrame["type"]>)(ctx, ws, frame);
  } catch (error) {
    replyError(ctx, ws, error, frameRef(frame));
  }
}
