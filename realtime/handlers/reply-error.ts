import { ChatError } from "../../protocol";
import type { SidecarContext } from "../context";
import { sendFrame, type ClientSocket } from "../socket";

/**
 * The one place a failure becomes an `error` frame. A ChatError is meant for
 * the client; anything else is logged with detail and reaches the client as a
 * generic `internal`. The connection stays open either way.
 */
export function replyError(ctx: SidecarContext, ws: ClientSocket, error: unknown, ref: string | undefined): void {
  if (error instanceof ChatError) {
    sendFrame(ws, { type: "error", code: error.code, message: error.message, ...refField(ref ?? error.ref) });
    return;
  }
  ctx.log.error({ err: error, user: ws.getUserData().user.id }, "frame handler failed");
  sendFrame(ws, { type: "error", code: "internal", message: "internal error", ...refField(ref) });
}

const refField = (ref: string | undefined) => (ref === undefined ? {} : { ref });
