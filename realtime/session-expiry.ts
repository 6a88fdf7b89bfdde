import { CloseCode } from "../protocol";
import { closeSocket, type ClientSocket } from "./socket";

/** How often expiries are checked: a socket closes at most this long after its token expired. */
const expiryCheckMs = 1000;

/**
 * Closes sockets whose session token has expired (4001). One timer for every
 * socket, rather than a timer each: an idle connection costs no timer.
 */
export function startExpirySweep(sockets: Set<ClientSocket>): () => void {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const ws of sockets) {
      const { expiresAt } = ws.getUserData();
      if (expiresAt !== null && expiresAt <= now) closeSocket(ws, CloseCode.sessionExpired);
    }
  }, expiryCheckMs);
  timer.unref();
  return () => clearInterval(timer);
}
