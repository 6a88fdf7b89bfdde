import type WebSocket from "ws";
import { abnormalClosure } from "../../lib/chat/wire";

/** How many times in a row a client may find its socket dropped before that is an error. */
const upgradeAttempts = 3;

export const droppedNotice = "a socket was dropped right after its upgrade (uWS #1929); opening another";

/**
 * uWS 20.30 now and then drops a socket it has just upgraded asynchronously:
 * shut down right after `ready`, no close frame, 1006 on both ends
 * (uNetworking/uWebSockets#1929; README, Known issues). Browser clients just
 * reconnect; test and bench clients call this once `ready` is in and open
 * another socket when it resolves false. A pong proves the socket was not
 * dropped: the drop goes out in the same write as `ready`, so it would arrive
 * first. Any other close resolves true: it is the caller's business.
 * `closedWith`: the close code, if the caller has seen the close already.
 */
export function survivedUpgrade(ws: WebSocket, closedWith?: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (closedWith !== undefined) return resolve(closedWith !== abnormalClosure);
    if (ws.readyState === ws.CLOSED) return resolve(true);
    ws.once("close", (code) => resolve(code !== abnormalClosure));
    if (ws.readyState !== ws.OPEN) return;
    ws.once("pong", () => resolve(true));
    ws.ping();
  });
}

/**
 * Open (with `open`, which resolves once `ready` is in) until a socket survives
 * its upgrade; `socketOf` names the socket opened and the close code its
 * owner has seen, if any.
 */
export async function openPastUpgrade<T>(open: () => Promise<T>, socketOf: (opened: T) => { ws: WebSocket; closedWith?: number }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const opened = await open();
    const { ws, closedWith } = socketOf(opened);
    if (await survivedUpgrade(ws, closedWith)) return opened;
    if (attempt >= upgradeAttempts) throw new Error(`the socket was dropped right after its upgrade ${upgradeAttempts} times in a row`);
    console.log(droppedNotice);
  }
}
