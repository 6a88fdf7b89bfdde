import uWS from "uWebSockets.js";
import { CloseCode } from "../protocol";
import type { SidecarContext } from "./context";
import { dispatchFrame } from "./handlers/dispatch";
import { leaveRoom } from "./handlers/unsubscribe";
import { countClose, socketsOpen } from "./metrics/registry";
import { hardBackpressureBytes } from "./slow-consumers";
import { closeSocket, sendFrame, type ClientSocket, type SocketData } from "./socket";
import type { SocketRegistry } from "./socket-registry";
import { createUpgradeHandler, type UpgradeGuards } from "./upgrade";

/** Frames up to 4x the limit (at least 64 KiB) are read so they can be refused with a proper 1009. */
const hardFrameLimit = (maxFrameBytes: number) => Math.max(maxFrameBytes * 4, 64 * 1024);

/** The /ws behaviour: upgrade (auth, limits), open (ready), message (dispatch), close (cleanup). */
export function createSocketBehavior(
  ctx: SidecarContext,
  sockets: Set<ClientSocket>,
  guards: UpgradeGuards & { registry: SocketRegistry },
  onDrain: (ws: ClientSocket) => void,
): uWS.WebSocketBehavior<SocketData> {
  return {
    // uWS drops a socket abruptly (1006) past this; up to it we close politely with 1009 below.
    maxPayloadLength: hardFrameLimit(ctx.config.limits.maxFrameBytes),
    // Our own lower limit closes with 4009 first (slow-consumers.ts); this is only the hard stop.
    maxBackpressure: hardBackpressureBytes(ctx.config.maxBackpressureBytes),
    closeOnBackpressureLimit: 1,
    idleTimeout: 120,
    sendPingsAutomatically: true,
    compression: uWS.DISABLED,
    upgrade: createUpgradeHandler(guards),
    open: (ws) => {
      sockets.add(ws);
      socketsOpen.inc();
      guards.registry.add(ws);
      const data = ws.getUserData();
      ctx.fanout.watchUser(ws, data.user.id);
      sendFrame(ws, { type: "ready", user: data.user, node: ctx.config.nodeId });
      // An upgrade that was decided while the drain began: off to another sidecar.
      if (ctx.readiness.draining) closeSocket(ws, CloseCode.goingAway);
    },
    message: (ws, message) => {
      if (message.byteLength > ctx.config.limits.maxFrameBytes) return closeSocket(ws, CloseCode.tooLarge);
      // The ArrayBuffer is only valid until return: decode it now.
      dispatchFrame(ctx, ws, Buffer.from(message).toString("utf8"));
    },
    drain: (ws) => {
      ws.getUserData().onDrain?.();
      onDrain(ws);
    },
    close: (ws, code) => {
      const data = ws.getUserData();
      data.closed = true;
      ctx.log.info({ code, user: data.user.id, lifetimeMs: Date.now() - data.openedAt }, "socket closed");
      sockets.delete(ws);
      socketsOpen.dec();
      countClose(code);
      guards.registry.remove(ws);
      ctx.fanout.unwatchUser(data.user.id);
      const joined = [...(data.rooms ?? []), ...(data.catchUps?.keys() ?? []), ...(data.watching ?? [])];
      for (const roomId of new Set(joined)) leaveRoom(ctx, ws, roomId);
      data.onDrain?.();
    },
  };
}
