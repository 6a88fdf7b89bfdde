import { CloseCode } from "../protocol";
import { ephemeralTopicOf } from "./room-topics";
import { closeSocket, type ClientSocket } from "./socket";

/*
 * uWS publish silently skips a socket whose buffer is over maxBackpressure,
 * and its closeOnBackpressureLimit closes abruptly (1006). Neither may happen
 * to message traffic: a client that cannot keep up is closed with 4009 and
 * recovers with `since`. So uWS gets a hard bound well above our limit, and
 * this guard enforces the limit itself, checking every socket often:
 *   - over a quarter of the limit: leave the ephemeral topics (typing and
 *     presence are dropped first), rejoin below an eighth with fresh presence;
 *   - over the limit: close 4009.
 */
const checkEveryMs = 100;

/** What uWS itself allows; only reached if a burst outruns one check interval by far. */
export const hardBackpressureBytes = (limitBytes: number) => limitBytes * 4;

type Options = {
  limitBytes: number;
  /** A socket rejoined the ephemeral topics: send it the presence it missed. */
  onResume: (ws: ClientSocket) => void;
};

export function startSlowConsumerGuard(sockets: Set<ClientSocket>, options: Options): () => void {
  const timer = setInterval(() => {
    for (const ws of sockets) checkBackpressure(ws, options);
  }, checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function checkBackpressure(ws: ClientSocket, { limitBytes, onResume }: Options): void {
  const data = ws.getUserData();
  if (data.closed) return;
  const buffered = ws.getBufferedAmount();
  if (buffered > limitBytes) return closeSocket(ws, CloseCode.slowConsumer);
  if (!data.ephemeralPaused && buffered > limitBytes / 4) {
    data.ephemeralPaused = true;
    for (const roomId of data.rooms ?? []) ws.unsubscribe(ephemeralTopicOf(roomId));
  } else if (data.ephemeralPaused && buffered < limitBytes / 8) {
    data.ephemeralPaused = false;
    for (const roomId of data.rooms ?? []) ws.subscribe(ephemeralTopicOf(roomId));
    onResume(ws);
  }
}
